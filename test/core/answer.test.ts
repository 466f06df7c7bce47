import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { formerAssignment } from "../../src/core/answer.ts";
import type { PortFacts } from "../../src/core/answer-model.ts";
import { portbot } from "./fixture.ts";

function one(text: string): PortFacts {
  const a = portbot.answer(text);
  assert.equal(a.kind, "ports", JSON.stringify(a.error));
  const p = a.ports[0];
  assert.ok(p);
  return p;
}

const systems = (p: PortFacts) => p.ephemeral.map((e) => e.system);

describe("answer: ranges at their edges (RFC 6335)", () => {
  for (const [port, range] of [
    [0, "well-known"],
    [1023, "well-known"],
    [1024, "registered"],
    [49151, "registered"],
    [49152, "dynamic"],
    [60999, "dynamic"],
    [61000, "dynamic"],
    [65535, "dynamic"],
  ] as const) {
    test(`${port} is ${range}`, () => assert.equal(one(String(port)).range, range));
  }
});

describe("answer: IANA assignment per protocol", () => {
  test("lists all four protocols with their status", () => {
    const p = one("5432");
    assert.deepEqual(
      p.iana.map((a) => [a.protocol, a.status, a.service]),
      [
        ["tcp", "assigned", "postgresql"],
        ["udp", "assigned", "postgresql"],
        ["sctp", "unassigned", null],
        ["dccp", "unassigned", null],
      ],
    );
    assert.equal(p.iana[0]?.assignee, "Tom Lane");
    assert.equal(p.iana[0]?.registered, "1999-12-01");
  });
  test("keeps every alias of a port (42/tcp: name and nameserver)", () => {
    const tcp = one("42").iana.find((a) => a.protocol === "tcp");
    assert.equal(tcp?.service, "name");
    assert.deepEqual(tcp?.aliases, ["nameserver"]);
  });
  test("answers a port inside a range row with the row's span", () => {
    const tcp = one("6010").iana.find((a) => a.protocol === "tcp");
    assert.equal(tcp?.service, "x11");
    assert.deepEqual([tcp?.first, tcp?.last], [6000, 6063]);
  });
  test("says reserved and unassigned as such", () => {
    assert.equal(one("0").iana[0]?.status, "reserved");
    assert.equal(one("1023").iana[0]?.status, "reserved");
    assert.equal(
      one("60876").iana.every((a) => a.status === "unassigned"),
      true,
    );
  });
  test("a protocol in the query narrows the answer", () => {
    assert.deepEqual(
      one("53/udp").iana.map((a) => a.protocol),
      ["udp"],
    );
  });
  test("links RFC references and the IANA registry entry", () => {
    const urls = one("22").links.map((l) => l.url);
    assert.ok(urls.some((u) => u.endsWith("search=22")));
    assert.ok(urls.includes("https://www.rfc-editor.org/rfc/rfc4251"));
  });
});

describe("answer: ephemeral ranges", () => {
  test("60876 is ephemeral on Linux, Windows, FreeBSD and per IANA", () => {
    assert.deepEqual(systems(one("60876")), ["IANA / RFC 6335", "Linux", "Windows", "FreeBSD"]);
  });
  test("61000 is past Linux's range", () => {
    assert.ok(!systems(one("61000")).includes("Linux"));
    assert.ok(systems(one("60999")).includes("Linux"));
  });
  test("1024 is only in OpenBSD's low range, which is no current widespread default", () => {
    assert.deepEqual(systems(one("1024")), ["OpenBSD"]);
    assert.deepEqual(
      one("1024").ephemeral.map((e) => e.current),
      [false],
    );
  });
  test("80 is outside every fixture system's range", () =>
    assert.deepEqual(systems(one("80")), []));
});

describe("answer: unofficial uses", () => {
  test("narrower uses come before the whole dynamic range", () => {
    const names = one("60876").unofficial.map((u) => u.name);
    assert.deepEqual(names, ["Mosh", "Apple Xsan"]);
    const mosh = one("60876").unofficial[0];
    assert.equal(mosh?.confidence, "vendor-documented");
    assert.equal(mosh?.source, "https://mosh.org/");
  });
  test("protocol filter applies to unofficial uses too", () => {
    assert.deepEqual(
      one("60876/tcp").unofficial.map((u) => u.name),
      ["Apple Xsan"],
    );
  });
});

describe("answer: checks", () => {
  test("commands carry the port, UDP forms when the port is used over UDP", () => {
    const cmds = one("53").checks.map((c) => c.command);
    assert.ok(cmds.includes("lsof -nP -iTCP:53 -sTCP:LISTEN"));
    assert.ok(cmds.includes("lsof -nP -iUDP:53"));
    assert.ok(cmds.includes("nmap -p 53 <host>"));
  });
  test("TCP-only ports get TCP commands only", () => {
    assert.ok(one("80").checks.every((c) => c.protocol === "tcp"));
  });
});

describe("answer: ranges, searches, errors", () => {
  test("a range is summarised, its main row first", () => {
    const a = portbot.answer("6000-6063");
    assert.equal(a.kind, "range");
    assert.equal(a.range?.assignments[0]?.name, "x11");
    assert.deepEqual(a.range?.assignments[0]?.protocols, ["tcp", "udp"]);
    assert.equal(a.range?.unassignedPorts, 0);
  });
  test("a huge range stays capped", () => {
    const a = portbot.answer("0-65535");
    assert.ok((a.range?.assignments.length ?? 0) <= 12);
    assert.ok((a.range?.total ?? 0) > 0);
    assert.deepEqual(a.range?.ranges, ["well-known", "registered", "dynamic"]);
  });
  test("a name finds its ports, curated alias included", () => {
    const a = portbot.answer("postgres");
    assert.equal(a.kind, "search");
    assert.equal(a.ports[0]?.port, 5432);
    assert.equal(portbot.answer("minecraft").ports[0]?.port, 25565);
    assert.equal(portbot.answer("x window").matches?.[0]?.name, "x11");
  });
  test("no match is said as such", () => {
    const a = portbot.answer("hello!!");
    assert.equal(a.kind, "none");
    assert.match(a.error?.message ?? "", /hello/);
  });
  test("invalid input becomes a typed error with a friendly message", () => {
    const a = portbot.answer("70000");
    assert.equal(a.kind, "error");
    assert.equal(a.error?.code, "out-of-range");
    assert.match(a.error?.message ?? "", /0 to 65535/);
    assert.match(portbot.answer("0x50").error?.message ?? "", /\/port 80/);
  });
  test("skipped parts are reported alongside the answer", () => {
    const a = portbot.answer("22 70000");
    assert.equal(a.ports.length, 1);
    assert.match(a.warnings?.[0]?.message ?? "", /70000/);
  });
});

describe("answer: IANA edge cases (fixture rows copied from IANA's CSV)", () => {
  test("2049: the headline service is nfs, not shilp with its empty description", () => {
    const tcp = one("2049").iana.find((a) => a.protocol === "tcp");
    assert.equal(tcp?.service, "nfs");
    assert.equal(tcp?.description, "Network File System - Sun Microsystems");
    assert.deepEqual(tcp?.aliases, ["shilp"]);
    assert.deepEqual(tcp?.remarks, ["<== NOTE Conflict on 2049 !"]);
  });
  test("113: a named row with a description speaks before an empty one listed first", () => {
    const tcp = one("113").iana.find((a) => a.protocol === "tcp");
    assert.equal(tcp?.service, "auth");
    assert.deepEqual(tcp?.aliases, ["ident"]);
  });
  test("49151: IANA's row without a protocol makes it reserved on every protocol", () => {
    assert.deepEqual(
      one("49151").iana.map((a) => [a.protocol, a.status]),
      [
        ["tcp", "reserved"],
        ["udp", "reserved"],
        ["sctp", "reserved"],
        ["dccp", "reserved"],
      ],
    );
  });
  test("3: reserved, and it was compressnet until IANA de-assigned it in 2025", () => {
    const tcp = one("3").iana.find((a) => a.protocol === "tcp");
    assert.equal(tcp?.status, "reserved");
    assert.deepEqual(tcp?.formerly, { service: "compressnet", until: "2025-02-13" });
  });
  test("24: a nameless assignment is assigned, with its description", () => {
    const tcp = one("24").iana.find((a) => a.protocol === "tcp");
    assert.equal(tcp?.status, "assigned");
    assert.equal(tcp?.service, null);
    assert.equal(tcp?.description, "any private mail system");
  });
  test("descriptions with line breaks come as one line", () => {
    assert.equal(
      one("63").iana[0]?.description,
      'whois++ IANA assigned this well-formed service name as a replacement for "whois++".',
    );
  });
});

describe("answer: what else the port facts carry", () => {
  test("ports below 1024 carry the privileged-port rules; others do not", () => {
    assert.deepEqual(
      one("22").privileged.map((r) => r.system),
      ["Linux"],
    );
    assert.deepEqual(one("1024").privileged, []);
    assert.deepEqual(one("0").privileged, []);
  });
  test("exposure notes come with the port they are about", () => {
    assert.deepEqual(
      one("6379").exposure.map((x) => x.product),
      ["Redis"],
    );
    assert.deepEqual(one("5432").exposure, []);
    assert.deepEqual(one("6379/udp").exposure, []);
  });
  test("ephemeral ranges say whether they are today's widespread defaults", () => {
    assert.deepEqual(
      one("60876").ephemeral.map((e) => [e.system, e.current]),
      [
        ["IANA / RFC 6335", false],
        ["Linux", true],
        ["Windows", true],
        ["FreeBSD", false],
      ],
    );
  });
  test("check notes are filled in like the commands", () => {
    const udp = one("53").checks.find((c) => c.command === "lsof -nP -iUDP:53");
    assert.equal(udp?.note, "Sockets bound to 53.");
  });
});

test("a former name at the end of IANA's sentence keeps no full stop (5030: surfpass)", () => {
  const record = {
    service: null,
    first: 5030,
    last: 5030,
    protocol: "tcp" as const,
    description: "Reserved",
    status: "reserved" as const,
    assignee: null,
    contact: null,
    registered: "2006-12",
    modified: "2022-01-10",
    reference: null,
    serviceCode: null,
    unauthorizedUse: null,
    notes: "Historic usage was surfpass. De-Assigned on 2022-01-10",
  };
  assert.deepEqual(formerAssignment(record), { service: "surfpass", until: "2022-01-10" });
});
