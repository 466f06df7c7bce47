import assert from "node:assert/strict";
import { test } from "node:test";
import {
  checkIanaCsv,
  parseIanaCsv,
  RegistryFormatError,
  readIanaCsv,
  statusOf,
} from "../../../src/core/registry/csv.ts";
import { ianaRecord } from "../../../src/core/registry/record.ts";
import type { IanaRecord } from "../../../src/core/types.ts";
import { FIXTURE_KEPT, fixtureText, syntheticCsv } from "./helpers.ts";

const HEADER =
  "Service Name,Port Number,Transport Protocol,Description,Assignee,Contact,Registration Date,Modification Date,Reference,Service Code,Unauthorized Use Reported,Assignment Notes";

function rec(partial: Partial<IanaRecord> & Pick<IanaRecord, "first">): IanaRecord {
  return ianaRecord({
    service: null,
    last: partial.first,
    protocol: null,
    description: "",
    status: "assigned",
    ...partial,
  });
}

const X11 = { assignee: "[Stephen_Casner]", contact: "[Stephen_Casner]" };
const WHOIS = { assignee: "[Rickard_Schoultz]", contact: "[Rickard_Schoultz]" };

const EXPECTED: IanaRecord[] = [
  rec({
    first: 0,
    protocol: "tcp",
    description: "Reserved",
    status: "reserved",
    modified: "2024-12-20",
    reference: "[RFC6335]",
  }),
  rec({
    first: 0,
    protocol: "udp",
    description: "Reserved",
    status: "reserved",
    modified: "2024-12-20",
    reference: "[RFC6335]",
  }),
  rec({ first: 4, protocol: "tcp", description: "Unassigned", status: "unassigned" }),
  rec({
    service: "discard",
    first: 9,
    protocol: "dccp",
    description: "Discard",
    assignee: "[Eddie_Kohler]",
    contact: "[Eddie_Kohler]",
    reference: "[RFC4340]",
    serviceCode: "1145656131",
  }),
  rec({
    service: "ssh",
    first: 22,
    protocol: "tcp",
    description: "The Secure Shell (SSH) Protocol",
    reference: "[RFC4251]",
    notes: "Defined TXT keys: u=<username> p=<password>",
  }),
  rec({
    first: 24,
    protocol: "tcp",
    description: "any private mail system",
    assignee: "[Rick_Adams]",
    contact: "[Rick_Adams]",
  }),
  rec({ service: "name", first: 42, protocol: "tcp", description: "Host Name Server" }),
  rec({ service: "nameserver", first: 42, protocol: "tcp", description: "Host Name Server" }),
  rec({
    service: "whoispp",
    first: 63,
    protocol: "tcp",
    description:
      'whois++\nIANA assigned this well-formed service name as a replacement for "whois++".',
    ...WHOIS,
  }),
  rec({
    service: "whois++",
    first: 63,
    protocol: "tcp",
    description: "whois++",
    ...WHOIS,
    notes:
      'This entry is an alias to "whoispp".\nThis entry is now historic, not usable for use with many\ncommon service discovery mechanisms.',
  }),
  rec({
    service: "http",
    first: 80,
    protocol: "tcp",
    description: "World Wide Web HTTP",
    reference: "[RFC9110]",
    notes: "Defined TXT keys: u=<username> p=<password> path=<path to document>",
  }),
  rec({ first: 81, description: "Unassigned", status: "unassigned", modified: "2007-09-06" }),
  rec({
    first: 100,
    description: "Unassigned",
    status: "unassigned",
    modified: "2012-03-21",
    unauthorizedUse: "Known Unauthorized Use on 100",
  }),
  rec({
    service: "https",
    first: 443,
    protocol: "tcp",
    description: "http protocol over TLS/SSL",
    assignee: "[IESG]",
    contact: "[IETF_Chair]",
    modified: "2017-06-15",
    reference: "[RFC9110]",
  }),
  rec({
    first: 585,
    description: "De-registered",
    status: "unassigned",
    modified: "2006-04-25",
    notes: "Use of 585 is not recommended, use 993 instead",
  }),
  rec({
    service: "fixture-all",
    first: 1023,
    protocol: "udp",
    description: "Every column filled",
    assignee: "[Assignee_X]",
    contact: "[Contact_Y]",
    registered: "2001-02-03",
    modified: "2020-05-06",
    reference: "[RFC1234][RFC5678]",
    serviceCode: "42424242",
    unauthorizedUse: "Known Unauthorized Use on 1023",
    notes: "Notes, with a comma",
  }),
  rec({ first: 1024, protocol: "tcp", description: "Reserved", status: "reserved" }),
  rec({
    service: "vrml-multi-use",
    first: 4200,
    last: 4299,
    description: "VRML Multi User Systems",
    assignee: "[Ross_Finlayson]",
    contact: "[Ross_Finlayson]",
  }),
  rec({ first: 4748, description: "Unassigned", status: "unassigned" }),
  rec({
    service: "x11",
    first: 6000,
    last: 6063,
    protocol: "tcp",
    description: "X Window System",
    ...X11,
  }),
  rec({
    service: "x11",
    first: 6000,
    last: 6063,
    protocol: "udp",
    description: "X Window System",
    ...X11,
  }),
  rec({ first: 48620, last: 49150, description: "Unassigned", status: "unassigned" }),
  rec({
    first: 49151,
    description: "Reserved",
    status: "reserved",
    modified: "2024-12-20",
    reference: "[RFC6335]",
  }),
];

test("fixture in IANA's format parses to exactly the expected records", () => {
  const result = parseIanaCsv(fixtureText());
  assert.deepEqual(result.records, EXPECTED);
  assert.equal(result.records.length, FIXTURE_KEPT);
});

test("the parse report counts every row: kept plus service-name-only rows", () => {
  const { report } = parseIanaCsv(fixtureText());
  assert.equal(report.totalRows, FIXTURE_KEPT + 2);
  assert.equal(report.kept, FIXTURE_KEPT);
  assert.equal(report.skipped["service-name-only"], 2);
  assert.deepEqual(report.examples, []);
});

test("updated is the newest date of any row, service-name-only rows included", () => {
  assert.equal(parseIanaCsv(fixtureText()).updated, "2026-02-25");
});

test("CRLF line endings (also inside quoted fields) give the same records as LF", () => {
  const crlf = fixtureText().replace(/\n/g, "\r\n");
  assert.ok(crlf.includes('"whois++\r\nIANA'));
  assert.deepEqual(parseIanaCsv(crlf).records, EXPECTED);
});

test("a UTF-8 byte-order mark before the header is accepted", () => {
  assert.deepEqual(parseIanaCsv(`\uFEFF${fixtureText()}`).records, EXPECTED);
});

test("rows with unreadable ports or protocols are skipped and counted with a reason", () => {
  const text = `${HEADER}\nok,7,tcp,Echo,,,,,,,,\nbad,12x,tcp,x,,,,,,,,\nbig,70000,tcp,x,,,,,,,,\ninv,5-3,udp,x,,,,,,,,\nproto,8,xtp,x,,,,,,,,\n`;
  const { records, report } = parseIanaCsv(text);
  assert.deepEqual(
    records.map((r) => r.service),
    ["ok"],
  );
  assert.equal(report.totalRows, 5);
  assert.equal(report.skipped["invalid-port"], 1);
  assert.equal(report.skipped["port-out-of-range"], 1);
  assert.equal(report.skipped["inverted-range"], 1);
  assert.equal(report.skipped["invalid-protocol"], 1);
  assert.equal(report.examples.length, 4);
  assert.match(report.examples[0] ?? "", /invalid-port: bad,12x,tcp/);
});

test("protocol is matched case-insensitively and stored lower-case", () => {
  const { records } = parseIanaCsv(`${HEADER}\nx,7,TCP,Echo,,,,,,,,\n`);
  assert.equal(records[0]?.protocol, "tcp");
});

test("a file whose header is not IANA's is rejected with the reason", () => {
  const cases = [
    "<!DOCTYPE html>\n<html><body>503 Service Unavailable</body></html>\n",
    "Service Name,Port Number,Transport Protocol\nssh,22,tcp\n",
    "\u0000\u0001garbage\u00ff,,,\n",
  ];
  for (const text of cases) {
    assert.throws(
      () => parseIanaCsv(text),
      (err: unknown) =>
        err instanceof RegistryFormatError &&
        /Not IANA's port registry: the first line/.test(err.message),
    );
  }
  assert.throws(() => parseIanaCsv(""), /the file is empty/);
});

test("a file cut off inside a quoted field is rejected as truncated", () => {
  const text = fixtureText();
  const cut = text.slice(0, text.indexOf("IANA assigned this well-formed"));
  assert.throws(
    () => parseIanaCsv(cut),
    (err: unknown) => err instanceof RegistryFormatError && /truncated/.test(err.message),
  );
});

test("a file cut off in the middle of a row is rejected", () => {
  const text = fixtureText();
  const cut = text.slice(0, text.indexOf("World Wide Web") + 5);
  assert.throws(
    () => parseIanaCsv(cut),
    (err: unknown) => err instanceof RegistryFormatError && /12 columns/.test(err.message),
  );
});

test("checkIanaCsv: too few records means truncated", () => {
  const problem = checkIanaCsv(parseIanaCsv(fixtureText()));
  assert.match(problem ?? "", /Only 23 records .* looks truncated/);
  assert.equal(checkIanaCsv(parseIanaCsv(fixtureText()), { minRecords: 10 }), null);
});

test("checkIanaCsv: a large file without the sanity rows is not IANA's", () => {
  const problem = checkIanaCsv(parseIanaCsv(syntheticCsv({ drop443: true })));
  assert.match(problem ?? "", /lacks rows every IANA registry has \(443\/tcp https\)/);
});

test("checkIanaCsv: many unreadable rows make the file unusable", () => {
  const bad = Array.from({ length: 200 }, (_, i) => `bad${i},x${i},tcp,x,,,,,,,,`).join("\n");
  const problem = checkIanaCsv(parseIanaCsv(`${syntheticCsv()}${bad}\n`));
  assert.match(problem ?? "", /200 of \d+ rows have an unreadable port or protocol/);
});

test("readIanaCsv accepts a complete registry and throws the reason otherwise", () => {
  assert.equal(readIanaCsv(syntheticCsv()).records.length, FIXTURE_KEPT + 6000);
  assert.throws(() => readIanaCsv(fixtureText()), RegistryFormatError);
});

test("statusOf reads IANA's nameless marker rows", () => {
  assert.equal(statusOf("ssh", "Reserved for a future enhancement", null), "assigned");
  assert.equal(statusOf(null, "Reserved", null), "reserved");
  assert.equal(statusOf(null, "Unassigned [was netstat]", null), "unassigned");
  assert.equal(statusOf(null, "unassigned", null), "unassigned");
  assert.equal(statusOf(null, "(unassigned) Possibly assigned", null), "unassigned");
  assert.equal(statusOf(null, "De-registered", null), "unassigned");
  assert.equal(statusOf(null, "Removed", null), "unassigned");
  assert.equal(statusOf(null, "De-Commissioned Port", null), "unassigned");
  assert.equal(statusOf(null, "Possibly used by Sun Solaris????", null), "unassigned");
  assert.equal(statusOf(null, "any private mail system", "[Rick_Adams]"), "assigned");
});
