// Addresses as the socket tools print them, split into address and port without ever reading an
// address's bytes or groups as the port: `[::]:22`, `:::22` (netstat), `*:22`, `0.0.0.0:*`,
// `127.0.0.53%lo:53`, `[fe80::1%eth0]:546`, `::1:6379` (netstat's IPv6 without brackets).
import type { Endpoint } from "./model.ts";

const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/;
// Loose on purpose: tools shorten IPv6 (`::`, `::ffff:10.0.0.1`); an IPv6 address has a colon.
const IPV6 = /^[0-9a-f:]*:[0-9a-f:]*(?:\d{1,3}(?:\.\d{1,3}){3})?$/i;
const ZONE = /^[\w.-]{1,32}$/;
const HOSTNAME = /^[a-z0-9](?:[a-z0-9.-]{0,252})$/i;

/** An address a socket tool prints, with its `%zone`: IPv4, IPv6, `*`, or a host name. */
export function isListedAddress(s: string): boolean {
  if (s === "*") return true;
  const [address = "", zone, ...rest] = s.split("%");
  if (rest.length > 0 || (zone !== undefined && !ZONE.test(zone))) return false;
  return IPV4.test(address) || IPV6.test(address) || HOSTNAME.test(address);
}

/** A decimal port 0–65535, or null. */
export function readPort(s: string): number | null {
  if (!/^\d{1,5}$/.test(s)) return null;
  const n = Number(s);
  return n <= 65535 ? n : null;
}

/** `host:port` (port may be `*`), or null when it is not one. */
export function readEndpoint(token: string): Endpoint | null {
  const bracketed = /^\[([^\]]+)\]:(\d{1,5}|\*)$/.exec(token);
  const plain = bracketed === null ? /^(.*):(\d{1,5}|\*)$/.exec(token) : null;
  const m = bracketed ?? plain;
  if (m === null) return null;
  const address = m[1] ?? "";
  if (!isListedAddress(address)) return null;
  // Unbracketed IPv6 (netstat's `:::22`, `::1:6379`) is shortened or has all 8 groups, so a
  // clock time such as `12:30:45` is not read as address `12:30`, port 45.
  const colons = address.split(":").length - 1;
  if (plain !== null && colons > 0 && !address.includes("::") && colons < 7) return null;
  if (m[2] === "*") return { address, port: null };
  const port = readPort(m[2] ?? "");
  return port === null ? null : { address, port };
}

/** A listener bound to every interface: `0.0.0.0`, `::`, `*`, `[::]`. */
export function onAllInterfaces(address: string): boolean {
  return address === "0.0.0.0" || address === "::" || address === "*" || address === "[::]";
}

/**
 * How the reply shows an endpoint: IPv6 in brackets, so the port stands apart. Past `max`
 * characters the address is shortened, never the port.
 */
export function showEndpoint(e: Endpoint, max = Number.POSITIVE_INFINITY): string {
  const port = `:${e.port ?? "*"}`;
  const v6 = e.address.includes(":");
  const room = max - port.length - (v6 ? 2 : 0);
  const address =
    e.address.length > room ? `${e.address.slice(0, Math.max(1, room - 1))}…` : e.address;
  return `${v6 ? `[${address}]` : address}${port}`;
}

const STATE_NAMES: Record<string, string> = {
  LISTENING: "LISTEN",
  ESTAB: "ESTABLISHED",
  TIMEWAIT: "TIME_WAIT",
  CLOSEWAIT: "CLOSE_WAIT",
  SYNSENT: "SYN_SENT",
  SYNRECEIVED: "SYN_RECV",
  SYNRECV: "SYN_RECV",
  FINWAIT1: "FIN_WAIT1",
  FINWAIT2: "FIN_WAIT2",
  LASTACK: "LAST_ACK",
};

/** One spelling per state across tools: `LISTENING`, `Listen` and `(LISTEN)` are LISTEN. */
export function normaliseState(raw: string): string {
  const upper = raw.replace(/[()]/g, "").toUpperCase();
  const key = upper.replace(/[-_]/g, "");
  return STATE_NAMES[key] ?? upper.replace(/-/g, "_");
}
