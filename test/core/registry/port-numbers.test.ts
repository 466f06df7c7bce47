import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { z } from "zod";
import { createRegistry } from "../../../src/core/registry/index.ts";
import {
  defaultRecords,
  portNumbersRecords,
  RANGES_PATH,
  readRangesFile,
} from "../../../src/core/registry/port-numbers.ts";
import { tempDir } from "./helpers.ts";

const { records, updated } = defaultRecords();
const registry = createRegistry("port-numbers", records, updated);
const names = (port: number) =>
  registry.recordsFor(port).map((r) => `${r.service ?? "-"}/${r.protocol ?? "-"}/${r.status}`);

test("port-numbers data loads as records without metadata", () => {
  const pn = portNumbersRecords();
  assert.ok(pn.length > 12000, `only ${pn.length} records`);
  for (const r of pn) {
    assert.equal(r.first, r.last);
    assert.notEqual(r.protocol, null);
    assert.equal(r.assignee, null);
    assert.equal(r.reference, null);
    assert.equal(r.notes, null);
  }
});

test("every name of a port comes back in IANA's order, not only the package's last one", () => {
  assert.deepEqual(names(42), [
    "name/tcp/assigned",
    "nameserver/tcp/assigned",
    "name/udp/assigned",
    "nameserver/udp/assigned",
  ]);
  assert.deepEqual(
    names(80).filter((n) => n.endsWith("/tcp/assigned")),
    ["http/tcp/assigned", "www/tcp/assigned", "www-http/tcp/assigned"],
  );
});

test("a malformed alias row is refused, naming the row", (t) => {
  const dir = tempDir(t);
  const path = join(dir, "ranges.json");
  const row = {
    service: "x",
    first: 1,
    last: 2,
    protocol: "tcp",
    description: "",
    status: "assigned",
  };
  writeFileSync(path, JSON.stringify({ about: "", updated: null, ranges: [], aliases: [row] }));
  assert.throws(() => readRangesFile(path), /aliases\[0\] is malformed/);
});

test("the default data says what the package alone gets wrong: 24, 3, 2049 and 49151", () => {
  // A nameless assignment the package reads as unassigned.
  assert.deepEqual(names(24), ["-/tcp/assigned", "-/udp/assigned"]);
  // A de-assignment whose notes only the CSV had.
  const three = registry.recordsFor(3).find((r) => r.protocol === "tcp");
  assert.match(three?.notes ?? "", /previously compressnet/);
  // Both names of 2049, with IANA's conflict note.
  assert.ok(names(2049).includes("shilp/tcp/assigned") && names(2049).includes("nfs/tcp/assigned"));
  assert.ok(registry.recordsFor(2049).some((r) => /Conflict on 2049/.test(r.notes ?? "")));
  // IANA's protocol-less Reserved row.
  assert.ok(names(49151).includes("-/-/reserved"), String(names(49151)));
});

test("nameless Reserved / Unassigned rows of the package get that status", () => {
  assert.deepEqual(names(0), ["-/tcp/reserved", "-/udp/reserved"]);
  assert.deepEqual(names(4), ["-/tcp/unassigned", "-/udp/unassigned"]);
  assert.ok(names(22).includes("ssh/tcp/assigned"));
});

test("range assignments the package drops are answered from the shipped ranges", () => {
  for (const p of [6000, 6031, 6063]) {
    assert.deepEqual(
      names(p).filter((n) => n.startsWith("x11")),
      ["x11/tcp/assigned", "x11/udp/assigned"],
    );
  }
  assert.ok(names(6667).includes("ircu/tcp/assigned"));
  assert.ok(names(6665).includes("ircu/tcp/assigned"));
  assert.ok(names(6669).includes("ircu/tcp/assigned"));
  assert.ok(names(4200).some((n) => n.startsWith("vrml-multi-use/")));
  assert.ok(names(4299).some((n) => n.startsWith("vrml-multi-use/")));
  assert.ok(names(7300).some((n) => n.startsWith("swx/")));
  assert.ok(names(27009).some((n) => n.startsWith("flex-lm/")));
  assert.ok(!names(6064).some((n) => n.startsWith("x11")));
});

test("an unassigned dynamic port, and ports past the registry, have no records", () => {
  assert.deepEqual(names(60876), []);
  assert.deepEqual(names(65535), []);
  assert.deepEqual(names(70000), []);
});

test("default records are ordered by port", () => {
  for (let i = 1; i < records.length; i++) {
    assert.ok((records[i - 1]?.first ?? 0) <= (records[i]?.first ?? 0), `out of order at ${i}`);
  }
  assert.equal(updated, null);
});

test("data/iana-ranges.json is well-formed: ranges or rows without a protocol, valid fields", () => {
  const Row = z.strictObject({
    service: z.string().min(1).nullable(),
    first: z.int().min(0).max(49151),
    last: z.int().min(0).max(49151),
    protocol: z.enum(["tcp", "udp", "sctp", "dccp"]).nullable(),
    description: z.string(),
    status: z.enum(["assigned", "reserved", "unassigned"]),
    notes: z.string().min(1).optional(),
  });
  const file = readRangesFile();
  assert.ok(file.ranges.length >= 700, `${file.ranges.length} ranges`);
  for (const r of file.ranges) {
    Row.parse(r);
    assert.ok(r.first < r.last || r.protocol === null, JSON.stringify(r));
  }
  for (const r of file.aliases) Row.parse(r);
  assert.match(file.updated ?? "", /^\d{4}-\d{2}-\d{2}$/);
  assert.ok(RANGES_PATH.endsWith(join("data", "iana-ranges.json")));
});

test("a malformed ranges file is refused, naming the row", (t) => {
  const dir = tempDir(t);
  const path = join(dir, "ranges.json");
  writeFileSync(
    path,
    JSON.stringify({
      ranges: [
        { service: "x", first: 5, last: 4, protocol: null, description: "", status: "assigned" },
      ],
    }),
  );
  assert.throws(() => readRangesFile(path), /ranges\[0\] is malformed/);
  writeFileSync(path, "[]");
  assert.throws(() => readRangesFile(path), /"ranges" array/);
});

test("malformed port-numbers entries are skipped, good ones kept", (t) => {
  const dir = tempDir(t);
  const path = join(dir, "index.json");
  writeFileSync(
    path,
    JSON.stringify({
      "7/tcp": ["echo", "Echo"],
      "x/tcp": ["bad", "port"],
      "70000/udp": ["big", "port"],
      "8/xtp": ["bad", "protocol"],
      "9/udp": "not an array",
      "10/udp": [1, 2],
    }),
  );
  assert.deepEqual(
    portNumbersRecords(path).map((r) => `${r.service}/${r.first}/${r.protocol}`),
    ["echo/7/tcp"],
  );
});
