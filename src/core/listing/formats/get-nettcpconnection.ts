// PowerShell's `Get-NetTCPConnection` as a table: `LocalAddress LocalPort RemoteAddress RemotePort
// State AppliedSetting OwningProcess`, the port in a column of its own, AppliedSetting often blank.
import { isListedAddress, normaliseState, readPort } from "../endpoint.ts";
import type { FormatReader, RowSockets } from "../model.ts";

const STATES = new Set([
  "Listen",
  "Established",
  "TimeWait",
  "CloseWait",
  "Bound",
  "SynSent",
  "SynReceived",
  "FinWait1",
  "FinWait2",
  "LastAck",
  "Closing",
  "Closed",
  "DeleteTCB",
]);

function readRow(line: string): RowSockets | null {
  const cols = line.trim().split(/\s+/);
  if (cols.length < 6 || cols.length > 7) return null;
  const [local = "", localPort = "", remote = "", remotePort = "", state = ""] = cols;
  const owner = cols.at(-1) ?? "";
  const port = readPort(localPort);
  const peerPort = readPort(remotePort);
  const addresses = isListedAddress(local) && isListedAddress(remote) && local !== "*";
  if (port === null || peerPort === null || !addresses || !STATES.has(state)) return null;
  if (!/^\d+$/.test(owner)) return null;
  return {
    sockets: [
      {
        protocol: "tcp",
        local: { address: local, port },
        peer: { address: remote, port: peerPort },
        state: normaliseState(state),
        process: `pid ${owner}`,
        servicePort: port,
      },
    ],
    more: 0,
  };
}

export const getNetTcpConnection: FormatReader = {
  format: "get-nettcpconnection",
  isHeader: (line) =>
    /^\s*LocalAddress\s+LocalPort\s+RemoteAddress\s+RemotePort\s+State/.test(line),
  readRow,
};
