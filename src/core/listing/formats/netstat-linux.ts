// `netstat -tulpn` (net-tools): `Proto Recv-Q Send-Q Local Foreign [State] [PID/Program name]`.
// UDP rows have no state; `-` stands for a process netstat may not show (not root).
import { normaliseState, readEndpoint } from "../endpoint.ts";
import type { FormatReader, ListedProtocol, RowSockets } from "../model.ts";

const PROTOS: Record<string, ListedProtocol> = {
  tcp: "tcp",
  tcp6: "tcp",
  udp: "udp",
  udp6: "udp",
  udpl: "udp",
  udpl6: "udp",
  sctp: "sctp",
  sctp6: "sctp",
};

/** `812/systemd-resolve` → `systemd-resolve (pid 812)`; `-` → null. */
function program(rest: string[]): string | null {
  const m = /^(\d+)\/(.*)$/.exec(rest.join(" "));
  if (m === null) return null;
  return m[2] === "" ? `pid ${m[1]}` : `${m[2]} (pid ${m[1]})`;
}

function readRow(line: string): RowSockets | null {
  const [proto = "", recvQ = "", sendQ = "", local = "", peer = "", ...rest] = line
    .trim()
    .split(/\s+/);
  const protocol = PROTOS[proto];
  if (protocol === undefined || !/^\d+$/.test(recvQ) || !/^\d+$/.test(sendQ)) return null;
  const here = readEndpoint(local);
  const there = readEndpoint(peer);
  if (here === null || here.port === null || there === null) return null;
  // A state is a word in capitals; the PID/Program column always has a `/` or is `-`.
  const state = rest[0] !== undefined && /^[A-Z][A-Z0-9_]+$/.test(rest[0]) ? rest.shift() : null;
  return {
    sockets: [
      {
        protocol,
        local: { address: here.address, port: here.port },
        peer: there,
        state: state == null ? null : normaliseState(state),
        process: program(rest),
        servicePort: here.port,
      },
    ],
    more: 0,
  };
}

export const netstatLinux: FormatReader = {
  format: "netstat-linux",
  isHeader: (line) =>
    /^\s*Proto\s+Recv-Q\s+Send-Q\s+Local Address\s+Foreign Address/.test(line) ||
    /^Active Internet connections/.test(line),
  readRow,
};
