import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { MAX_PORTS_PER_QUERY, parseQuery, portsInText } from "../../src/core/query.ts";

function ports(text: string) {
  const q = parseQuery(text);
  assert.equal(q.kind, "ports", `${text} → ${JSON.stringify(q)}`);
  return q.kind === "ports" ? q.ports : [];
}

describe("parseQuery", () => {
  test("reads the forms people type for one port", () => {
    assert.deepEqual(ports("60876"), [{ port: 60876, protocol: null }]);
    assert.deepEqual(ports("5432/udp"), [{ port: 5432, protocol: "udp" }]);
    assert.deepEqual(ports("port 22"), [{ port: 22, protocol: null }]);
    assert.deepEqual(ports(":8080"), [{ port: 8080, protocol: null }]);
    assert.deepEqual(ports("db.internal:5432"), [{ port: 5432, protocol: null }]);
    assert.deepEqual(ports("udp/53"), [{ port: 53, protocol: "udp" }]);
    assert.deepEqual(ports("53 udp"), [{ port: 53, protocol: "udp" }]);
    assert.deepEqual(ports("/port 0"), [{ port: 0, protocol: null }]);
    assert.deepEqual(ports("65535"), [{ port: 65535, protocol: null }]);
  });

  test("reads several ports and questions in prose", () => {
    assert.deepEqual(
      ports("22 80 443").map((p) => p.port),
      [22, 80, 443],
    );
    assert.deepEqual(
      ports("what's on 5432 and 6379?").map((p) => p.port),
      [5432, 6379],
    );
    assert.deepEqual(
      ports("22, 22, 80").map((p) => p.port),
      [22, 80],
    );
  });

  test("caps the ports answered and counts the rest", () => {
    const q = parseQuery("1 2 3 4 5 6 7");
    assert.equal(q.kind, "ports");
    if (q.kind === "ports") {
      assert.equal(q.ports.length, MAX_PORTS_PER_QUERY);
      assert.equal(q.total, 7);
    }
  });

  test("reads ranges", () => {
    assert.deepEqual(parseQuery("6000-6063"), {
      kind: "range",
      text: "6000-6063",
      first: 6000,
      last: 6063,
      protocol: null,
      skipped: [],
    });
    const q = parseQuery("30000–32767/tcp");
    assert.equal(q.kind, "range");
    if (q.kind === "range") assert.equal(q.protocol, "tcp");
  });

  test("reads names, help and stats", () => {
    assert.deepEqual(parseQuery("postgres"), {
      kind: "search",
      text: "postgres",
      term: "postgres",
    });
    assert.deepEqual(parseQuery("what port is remote desktop?"), {
      kind: "search",
      text: "what port is remote desktop?",
      term: "remote desktop",
    });
    assert.equal(parseQuery("hello!!").kind, "search");
    assert.equal(parseQuery("help").kind, "help");
    assert.equal(parseQuery("  STATS ").kind, "stats");
  });

  test("refuses what is not a port, with a reason", () => {
    const reason = (t: string) => {
      const q = parseQuery(t);
      assert.equal(q.kind, "invalid", t);
      return q.kind === "invalid" ? q.reason : null;
    };
    assert.equal(reason("70000")?.code, "out-of-range");
    assert.equal(reason("99999999999")?.code, "out-of-range");
    assert.equal(reason("-1")?.code, "negative");
    assert.deepEqual(reason("0x50"), { code: "not-decimal", token: "0x50", value: 80 });
    assert.equal(reason("1.5")?.code, "not-decimal");
    assert.equal(reason("")?.code, "empty");
    assert.equal(reason("   ")?.code, "empty");
    assert.equal(reason("x".repeat(4096))?.code, "too-long");
    assert.equal(reason("🔥🔥🔥")?.code, "unrecognised");
    // Chat markup is the adapters' business (they strip it); to the core it is just words.
    assert.equal(parseQuery("<!channel>").kind, "search");
    assert.equal(reason("5432/foo")?.code, "unknown-protocol");
    assert.equal(reason("6063-6000")?.code, "reversed-range");
  });

  test("answers the valid ports and reports the invalid ones", () => {
    const q = parseQuery("22 70000");
    assert.equal(q.kind, "ports");
    if (q.kind === "ports") {
      assert.deepEqual(q.ports, [{ port: 22, protocol: null }]);
      assert.equal(q.skipped[0]?.code, "out-of-range");
    }
  });

  test("never throws and never yields a port outside 0–65535", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: "grapheme" }),
          fc.string({ maxLength: 2000, unit: "binary" }),
        ),
        (s) => {
          const q = parseQuery(s);
          if (q.kind === "ports") {
            for (const p of q.ports) assert.ok(p.port >= 0 && p.port <= 65535);
          }
          if (q.kind === "range") assert.ok(q.first >= 0 && q.last <= 65535 && q.first <= q.last);
        },
      ),
      { numRuns: 2000 },
    );
  });

  test("numbers written any way never escape the port range", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        const q = parseQuery(String(n));
        if (n >= 0 && n <= 65535) assert.deepEqual(q.kind, "ports");
        else assert.equal(q.kind, "invalid");
      }),
    );
  });
});

describe("portsInText", () => {
  test("finds standalone ports in prose, in order, once", () => {
    assert.deepEqual(portsInText("what's on 5432 and 6379? also 5432"), [5432, 6379]);
    assert.deepEqual(portsInText("it listens on :8080 and 53/udp"), [8080, 53]);
  });
  test("ignores ids, versions, decimals and out-of-range numbers", () => {
    assert.deepEqual(portsInText("user U123456 on v1.2.3 paid 3.50 for 70000 things"), []);
    assert.deepEqual(portsInText("ticket #4521 and @5432"), []);
  });
});

describe("pasted addresses: the port, never the address", () => {
  const pasted: [string, number][] = [
    [":::22", 22],
    ["[::]:22", 22],
    ["0.0.0.0:5432", 5432],
    ["*:80", 80],
    ["127.0.0.53%lo:53", 53],
    ["localhost:3000", 3000],
    ["10.0.0.1:22", 22],
    ["[::1]:5432", 5432],
    ["[fe80::1%eth0]:443", 443],
    ["fe80::1%eth0:22", 22],
    ["[2001:db8::22]:8080", 8080],
    ["(192.168.1.10:8080/tcp),", 8080],
  ];

  test("as a query, each is its port", () => {
    for (const [text, port] of pasted)
      assert.deepEqual(
        ports(text).map((p) => p.port),
        [port],
        text,
      );
    assert.deepEqual(ports("tcp:22"), [{ port: 22, protocol: "tcp" }]);
    assert.deepEqual(ports("[::]:53/udp"), [{ port: 53, protocol: "udp" }]);
  });

  test("in a message, each is its port", () => {
    for (const [text, port] of pasted)
      assert.deepEqual(portsInText(`saw ${text} in the log`), [port]);
    assert.deepEqual(portsInText("LISTEN 127.0.0.53%lo:53 0.0.0.0:* and [::]:22 [::]:*"), [53, 22]);
  });

  test("an address alone has no port", () => {
    for (const text of ["10.0.0.1", "::1", "[::1]", "2001:db8::1", "0.0.0.0:*", "fe80::1%eth0"]) {
      assert.deepEqual(portsInText(text), [], text);
      assert.equal(parseQuery(text).kind, "invalid", text);
    }
    // A bare IPv6 address stays one even when its last group could be a port.
    assert.deepEqual(portsInText("fe80::1:22"), []);
  });

  test("an IPv4 address's bytes are never read as ports", () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.integer({ min: 0, max: 65535 }), (ip, port) => {
        assert.deepEqual(ports(`${ip}:${port}`), [{ port, protocol: null }]);
        assert.deepEqual(portsInText(`from ${ip}:${port} to ${ip}`), [port]);
        assert.deepEqual(portsInText(ip), []);
      }),
      { numRuns: 500 },
    );
  });

  test("an IPv6 address's groups are never read as ports", () => {
    fc.assert(
      fc.property(fc.ipV6(), fc.integer({ min: 0, max: 65535 }), (ip, port) => {
        assert.deepEqual(ports(`[${ip}]:${port}`), [{ port, protocol: null }]);
        assert.deepEqual(portsInText(`from [${ip}]:${port} to ${ip}`), [port]);
        assert.deepEqual(portsInText(ip), []);
        assert.notEqual(parseQuery(ip).kind, "ports");
      }),
      { numRuns: 500 },
    );
  });
});
