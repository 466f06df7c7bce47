// A small, hand-made registry and knowledge base, so core tests do not move when data is updated.
import { createPortbot } from "../../src/core/portbot.ts";
import { createRegistry } from "../../src/core/registry/index.ts";
import { ianaRecord } from "../../src/core/registry/record.ts";
import type { IanaRecord, Knowledge, Protocol } from "../../src/core/types.ts";

function rec(
  service: string | null,
  first: number,
  last: number,
  protocol: Protocol | null,
  description: string,
  extra: Partial<IanaRecord> = {},
): IanaRecord {
  return ianaRecord({
    service,
    first,
    last,
    protocol,
    description,
    status:
      service === null ? (description === "Reserved" ? "reserved" : "unassigned") : "assigned",
    ...extra,
  });
}

export const records: IanaRecord[] = [
  rec(null, 0, 0, "tcp", "Reserved"),
  rec(null, 0, 0, "udp", "Reserved"),
  rec(null, 3, 3, "tcp", "Reserved", {
    status: "reserved",
    modified: "2025-02-13",
    notes: "De-assigned on 2025-02-13, previously compressnet by [Bernie_Volz]",
  }),
  rec(null, 3, 3, "udp", "Reserved", {
    status: "reserved",
    modified: "2025-02-13",
    notes: "De-assigned on 2025-02-13, previously compressnet by [Bernie_Volz]",
  }),
  rec("ssh", 22, 22, "tcp", "The Secure Shell (SSH) Protocol", { reference: "[RFC4251]" }),
  rec("ssh", 22, 22, "udp", "The Secure Shell (SSH) Protocol", { reference: "[RFC4251]" }),
  rec(null, 24, 24, "tcp", "any private mail system", {
    status: "assigned",
    assignee: "[Rick_Adams]",
  }),
  rec(null, 24, 24, "udp", "any private mail system", {
    status: "assigned",
    assignee: "[Rick_Adams]",
  }),
  rec("name", 42, 42, "tcp", "Host Name Server"),
  rec("nameserver", 42, 42, "tcp", "Host Name Server"),
  rec("domain", 53, 53, "udp", "Domain Name Server", { reference: "[RFC1035]" }),
  rec("domain", 53, 53, "tcp", "Domain Name Server", { reference: "[RFC1035]" }),
  rec(
    "whoispp",
    63,
    63,
    "tcp",
    'whois++\nIANA assigned this well-formed service name as a replacement for "whois++".',
  ),
  rec("http", 80, 80, "tcp", "World Wide Web HTTP", { reference: "[RFC9110]" }),
  // IANA lists ident (no description) before auth on 113/tcp.
  rec("ident", 113, 113, "tcp", ""),
  rec("auth", 113, 113, "tcp", "Authentication Service"),
  rec("ntp", 123, 123, "udp", "Network Time Protocol", { reference: "[RFC5905]" }),
  rec(null, 1023, 1023, "tcp", "Reserved"),
  rec(null, 1024, 1024, "tcp", "Reserved"),
  rec("shilp", 2049, 2049, "tcp", "", { notes: "<== NOTE Conflict on 2049 !" }),
  rec("shilp", 2049, 2049, "udp", "", { notes: "<== NOTE Conflict on 2049 !" }),
  rec("nfs", 2049, 2049, "tcp", "Network File System - Sun Microsystems"),
  rec("nfs", 2049, 2049, "udp", "Network File System - Sun Microsystems"),
  rec("mysql", 3306, 3306, "tcp", "MySQL"),
  rec("postgresql", 5432, 5432, "tcp", "PostgreSQL Database", {
    assignee: "Tom Lane",
    registered: "1999-12-01",
  }),
  rec("postgresql", 5432, 5432, "udp", "PostgreSQL Database"),
  rec("x11", 6000, 6063, "tcp", "X Window System"),
  rec("x11", 6000, 6063, "udp", "X Window System"),
  rec("redis", 6379, 6379, "tcp", "An advanced key-value cache and store"),
  // IANA's row for 49151 has no protocol: it covers them all.
  rec(null, 49151, 49151, null, "Reserved"),
];

export const knowledge: Knowledge = {
  unofficial: [
    {
      name: "Minecraft",
      aliases: ["minecraft java", "mc"],
      first: 25565,
      last: 25565,
      protocols: ["tcp"],
      description: "Default port of a Minecraft Java Edition server",
      confidence: "vendor-documented",
      source: "https://minecraft.wiki/w/Server.properties",
      category: "games",
      prominence: 5,
    },
    {
      name: "Mosh",
      aliases: ["mobile shell"],
      first: 60000,
      last: 61000,
      protocols: ["udp"],
      description: "Mobile shell sessions pick a UDP port here",
      confidence: "vendor-documented",
      source: "https://mosh.org/",
      category: "remote-access",
      prominence: 4,
    },
    {
      name: "Apple Xsan",
      aliases: ["xsan"],
      first: 49152,
      last: 65535,
      protocols: ["tcp"],
      description: "Xsan file system clients and controllers use ports across the dynamic range",
      confidence: "vendor-documented",
      source: "https://support.apple.com/en-us/103229",
      category: "apple",
      prominence: 4,
    },
    {
      name: "PostgreSQL",
      aliases: ["postgres", "pg"],
      first: 5432,
      last: 5432,
      protocols: ["tcp"],
      description: "PostgreSQL database server default",
      confidence: "vendor-documented",
      source: "https://www.postgresql.org/docs/current/runtime-config-connection.html",
      category: "database",
      prominence: 5,
    },
  ],
  ephemeral: [
    {
      system: "IANA / RFC 6335",
      first: 49152,
      last: 65535,
      setting: null,
      note: null,
      source: "https://www.rfc-editor.org/rfc/rfc6335#section-6",
      current: false,
    },
    {
      system: "Linux",
      first: 32768,
      last: 60999,
      setting: "net.ipv4.ip_local_port_range",
      note: null,
      source: "https://docs.kernel.org/networking/ip-sysctl.html",
      current: true,
    },
    {
      system: "Windows",
      first: 49152,
      last: 65535,
      setting: "netsh int ipv4 show dynamicport tcp",
      note: null,
      source:
        "https://learn.microsoft.com/en-us/troubleshoot/windows-server/networking/default-dynamic-port-range-tcpip-chang",
      current: true,
    },
    {
      system: "FreeBSD",
      first: 10000,
      last: 65535,
      setting: "net.inet.ip.portrange.first",
      note: null,
      source: "https://man.freebsd.org/cgi/man.cgi?query=ip&sektion=4",
      current: false,
    },
    {
      system: "OpenBSD",
      first: 1024,
      last: 49151,
      setting: "sysctl net.inet.ip.portfirst net.inet.ip.portlast",
      note: null,
      source: "https://github.com/openbsd/src/blob/master/sys/netinet/in.h",
      current: false,
    },
  ],
  exposure: [
    {
      first: 6379,
      last: 6379,
      protocols: ["tcp"],
      product: "Redis",
      note: "Anyone who reaches the port can read or wipe the data.",
      source: "https://redis.io/topics/security",
    },
  ],
  privileged: [
    {
      system: "Linux",
      rule: "Only root or CAP_NET_BIND_SERVICE below net.ipv4.ip_unprivileged_port_start.",
      setting: "sysctl net.ipv4.ip_unprivileged_port_start",
      source: "https://docs.kernel.org/networking/ip-sysctl.html",
    },
  ],
  checks: [
    {
      platform: "macOS / Linux",
      protocol: "tcp",
      command: "lsof -nP -iTCP:{port} -sTCP:LISTEN",
      note: "Listeners only.",
      finds: "listeners",
      brief: "listeners",
    },
    {
      platform: "macOS / Linux",
      protocol: "tcp",
      command: "lsof -nP -iTCP:{port}",
      note: "Every socket on {port}.",
      finds: "both",
      brief: "every socket",
    },
    {
      platform: "macOS / Linux",
      protocol: "udp",
      command: "lsof -nP -iUDP:{port}",
      note: "Sockets bound to {port}.",
      finds: "both",
      brief: "bound sockets",
    },
    {
      platform: "Linux",
      protocol: "tcp",
      command: "ss -ltnp 'sport = :{port}'",
      note: "Listening sockets.",
      finds: "listeners",
      brief: "listeners",
    },
    {
      platform: "Windows",
      protocol: "tcp",
      command: 'netstat -ano | findstr /R /C:":{port} "',
      note: "Lines for exactly {port}; the last column is the PID.",
      finds: "both",
      brief: "exactly {port}, PID last",
    },
    {
      platform: "Windows",
      protocol: "udp",
      command: 'netstat -ano -p UDP | findstr /R /C:":{port} "',
      note: "UDP on exactly {port}; the last column is the PID.",
      finds: "both",
      brief: "UDP on exactly {port}",
    },
    {
      platform: "From another machine",
      protocol: "tcp",
      command: "nmap -p {port} {host}",
      note: "As the network sees it.",
      finds: "listeners",
      brief: "from outside",
    },
  ],
};

export const registry = createRegistry("iana-csv", records, "2026-02-25");
export const portbot = createPortbot(registry, knowledge);
