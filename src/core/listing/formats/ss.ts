// `ss -ltnp`, `ss -tunap` (iproute2): `[Netid] State Recv-Q Send-Q Local:Port Peer:Port [Process]`,
// with `users:(("sshd",pid=812,fd=3))` as the process.
import { normaliseState, readEndpoint } from "../endpoint.ts";
import type { FormatReader, ListedProtocol, RowSockets } from "../model.ts";

const STATES = new Set([
  "LISTEN",
  "ESTAB",
  "UNCONN",
  "TIME-WAIT",
  "CLOSE-WAIT",
  "SYN-SENT",
  "SYN-RECV",
  "FIN-WAIT-1",
  "FIN-WAIT-2",
  "LAST-ACK",
  "CLOSING",
  "CLOSED",
]);
const NETIDS = new Set(["tcp", "udp", "sctp", "raw", "u_str", "u_dgr", "u_seq", "nl", "p_raw"]);
const INET: ReadonlySet<string> = new Set<ListedProtocol>(["tcp", "udp", "sctp"]);

/** `users:(("sshd",pid=812,fd=3),("sshd",pid=900,fd=3))` → `sshd (pid 812)`; tolerates a cut. */
export function ssProcess(raw: string): string | null {
  const named = [...raw.matchAll(/\("([^"]+)(?:"(?:,pid=(\d+))?)?/g)];
  const first = named[0];
  if (first === undefined) return null;
  const names = [...new Set(named.map((m) => m[1]))].join(", ");
  return first[2] === undefined ? names : `${names} (pid ${first[2]})`;
}

function readRow(line: string): RowSockets | null {
  const cols = line.trim().split(/\s+/);
  const netid = NETIDS.has(cols[0] ?? "") ? cols.shift() : undefined;
  const [state = "", recvQ = "", sendQ = "", local = "", peer = "", ...rest] = cols;
  if (!STATES.has(state) || !/^\d+$/.test(recvQ) || !/^\d+$/.test(sendQ)) return null;
  const here = readEndpoint(local);
  const there = readEndpoint(peer);
  if (here === null || there === null || here.port === null) {
    return netid !== undefined && !INET.has(netid) ? { sockets: [], more: 0 } : null;
  }
  if (netid !== undefined && !INET.has(netid)) return { sockets: [], more: 0 };
  const protocol = (netid ?? (state === "UNCONN" ? "udp" : "tcp")) as ListedProtocol;
  return {
    sockets: [
      {
        protocol,
        local: { address: here.address, port: here.port },
        peer: there,
        state: normaliseState(state),
        process: rest.length > 0 ? ssProcess(rest.join(" ")) : null,
        servicePort: here.port,
      },
    ],
    more: 0,
  };
}

export const ss: FormatReader = {
  format: "ss",
  isHeader: (line) => /^\s*(?:Netid\s+)?State\s+Recv-Q\s+Send-Q\s+Local Address:Port/.test(line),
  readRow,
};
