// A pasted socket listing (ss, netstat, lsof, Get-NetTCPConnection, docker ps) as plain facts:
// which sockets it shows. No wording here; the reply (reply.ts) says what they are.

export const LISTING_FORMATS = [
  "ss",
  "netstat-linux",
  "netstat-windows",
  "lsof",
  "get-nettcpconnection",
  "docker-ps",
] as const;
export type ListingFormat = (typeof LISTING_FORMATS)[number];

/** Transports the listings print; everything else (unix sockets, raw) is skipped. */
export type ListedProtocol = "tcp" | "udp" | "sctp";

/** One end of a socket as the tool printed it: `0.0.0.0`, `::`, `*`, `127.0.0.53%lo`. */
export interface Endpoint {
  address: string;
  /** null where the tool prints `*` (a listener's peer). */
  port: number | null;
}

export interface ListedSocket {
  protocol: ListedProtocol;
  local: Endpoint & { port: number };
  peer: Endpoint | null;
  /** Normalised: LISTEN, ESTABLISHED, TIME_WAIT, UNCONN, …; null where the tool shows none. */
  state: string | null;
  /** `sshd (pid 812)`, `pid 4`, a container's name; null where not shown. */
  process: string | null;
  /**
   * The port that says what the service is: the local port, except for a published container
   * port (`0.0.0.0:5433->5432/tcp` is PostgreSQL on host port 5433).
   */
  servicePort: number;
}

/** The sockets of one row (a docker row can publish several), and how many more it had. */
export interface RowSockets {
  sockets: ListedSocket[];
  /** Sockets the row stands for beyond `sockets` (a published range past the cap). */
  more: number;
}

/** How one tool's output is read: its header line, and one data row at a time. */
export interface FormatReader {
  format: ListingFormat;
  /** The tool's column header (or banner) line. */
  isHeader(line: string): boolean;
  /** The sockets of one data row, or null when the line is not one of this tool's rows. */
  readRow(line: string): RowSockets | null;
}

export interface Listing {
  format: ListingFormat;
  /** At most the cap asked for, in the order the tool printed them. */
  sockets: ListedSocket[];
  /** Every socket the listing shows, including those past the cap. */
  total: number;
}
