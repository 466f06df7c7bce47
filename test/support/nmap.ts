// nmap's port list (Debian package `nmap`), read at test and bench time for coverage figures only:
// its licence does not let us ship or copy it, so nothing of it is in the repository.

/** Where Debian's nmap package puts the file; NMAP_SERVICES overrides it. */
export const NMAP_SERVICES = process.env.NMAP_SERVICES?.trim() || "/usr/share/nmap/nmap-services";

export interface NmapPort {
  port: number;
  /** False where nmap lists the port as "unknown". */
  named: boolean;
}

/** The `n` ports of `protocol` nmap finds open most often, most frequent first. */
export function nmapTopPorts(text: string, protocol: "tcp" | "udp", n: number): NmapPort[] {
  const rows: (NmapPort & { frequency: number })[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const [name, portProto, frequency] = line.split(/\s+/);
    const [port, proto] = (portProto ?? "").split("/");
    if (proto !== protocol) continue;
    rows.push({ port: Number(port), named: name !== "unknown", frequency: Number(frequency) });
  }
  return rows
    .sort((a, b) => b.frequency - a.frequency || a.port - b.port)
    .slice(0, n)
    .map(({ port, named }) => ({ port, named }));
}
