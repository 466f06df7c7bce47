// `netstat -ano` on Windows: `Proto Local Foreign [State] PID`, protocols in capitals, UDP rows
// without a state, the owning process as a PID only.
import { normaliseState, readEndpoint } from "../endpoint.ts";
import type { FormatReader, RowSockets } from "../model.ts";

function readRow(line: string): RowSockets | null {
  const cols = line.trim().split(/\s+/);
  const [proto = "", local = "", peer = ""] = cols;
  const pid = cols.at(-1) ?? "";
  const middle = cols.slice(3, -1);
  if (!/^(?:TCP|UDP)$/.test(proto) || !/^\d+$/.test(pid) || middle.length > 1) return null;
  const here = readEndpoint(local);
  const there = readEndpoint(peer);
  if (here === null || here.port === null || there === null) return null;
  const state = middle[0];
  if (state !== undefined && !/^[A-Z][A-Z_0-9]+$/.test(state)) return null;
  return {
    sockets: [
      {
        protocol: proto === "TCP" ? "tcp" : "udp",
        local: { address: here.address, port: here.port },
        peer: there,
        state: state === undefined ? null : normaliseState(state),
        process: `pid ${pid}`,
        servicePort: here.port,
      },
    ],
    more: 0,
  };
}

export const netstatWindows: FormatReader = {
  format: "netstat-windows",
  isHeader: (line) => /^\s*Proto\s+Local Address\s+Foreign Address\s+State\s+PID\b/.test(line),
  readRow,
};
