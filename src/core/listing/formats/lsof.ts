// `lsof -iTCP -sTCP:LISTEN -nP` (macOS and Linux):
// `COMMAND PID USER FD TYPE DEVICE SIZE/OFF NODE NAME`, NAME being `*:22 (LISTEN)` or
// `10.0.0.1:5432->10.0.0.2:51234 (ESTABLISHED)`.
import { normaliseState, readEndpoint } from "../endpoint.ts";
import type { FormatReader, RowSockets } from "../model.ts";

function readRow(line: string): RowSockets | null {
  const cols = line.trim().split(/\s+/);
  const [command = "", pid = ""] = cols;
  const type = cols.findIndex((c, i) => i >= 3 && /^IPv[46]$/.test(c));
  const node = cols.findIndex((c, i) => type !== -1 && i > type && /^(?:TCP|UDP)$/.test(c));
  if (!/^\d+$/.test(pid) || type === -1 || node === -1) return null;
  const [localText = "", peerText] = (cols[node + 1] ?? "").split("->");
  const here = readEndpoint(localText);
  const there = peerText === undefined ? null : readEndpoint(peerText);
  if (here === null || here.port === null || (peerText !== undefined && there === null)) {
    return null;
  }
  const state = /^\((\w+)\)$/.exec(cols[node + 2] ?? "")?.[1];
  return {
    sockets: [
      {
        protocol: cols[node] === "TCP" ? "tcp" : "udp",
        local: { address: here.address, port: here.port },
        peer: there,
        state: state === undefined ? null : normaliseState(state),
        process: `${command} (pid ${pid})`,
        servicePort: here.port,
      },
    ],
    more: 0,
  };
}

export const lsof: FormatReader = {
  format: "lsof",
  isHeader: (line) =>
    /^\s*COMMAND\s+PID\s+USER\s+FD\s+TYPE\s+DEVICE\s+SIZE\/OFF\s+NODE\s+NAME/.test(line),
  readRow,
};
