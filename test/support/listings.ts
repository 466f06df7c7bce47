// The socket-listing fixtures (test/fixtures/listings/): real captures from this project's Linux
// machine (ss, netstat, lsof; the sandbox's own sockets removed) and hand-written samples of the
// Windows, PowerShell, macOS and docker formats (each file says so in its first line).
import { readFileSync } from "node:fs";

const DIR = new URL("../fixtures/listings/", import.meta.url);

export type ListingFixture =
  | "linux-ss-ltnp"
  | "linux-ss-tunap"
  | "linux-netstat-tulpn"
  | "linux-lsof"
  | "windows-netstat-ano"
  | "powershell-get-nettcpconnection"
  | "macos-lsof"
  | "docker-ps";

export function listingFixture(name: ListingFixture): string {
  return readFileSync(new URL(`${name}.txt`, DIR), "utf8");
}

/** A listing of `count` listeners in ss's layout, on ports 20000, 20001, … (for caps and benches). */
export function ssListing(count: number, first = 20000): string {
  const rows = Array.from(
    { length: count },
    (_, i) =>
      `LISTEN 0      4096         0.0.0.0:${first + i}      0.0.0.0:*    users:(("svc${i}",pid=${1000 + i},fd=3))`,
  );
  return ["State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess", ...rows].join("\n");
}
