import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { NoteLookup } from "../../../src/core/listing/answer.ts";
import type { Reply, Table } from "../../../src/core/reply-model.ts";
import { tableLines } from "../../../src/core/table.ts";
import { listingFixture, ssListing } from "../../support/listings.ts";
import { testPortbot } from "../../support/portbot.ts";

const portbot = testPortbot();

function listing(text: string, notes?: NoteLookup): Reply {
  const reply = portbot.listing(text, notes === undefined ? {} : { notes });
  assert.ok(reply, "answered as a listing");
  return reply;
}

function table(reply: Reply): Table {
  const found = reply.cards[0]?.sections.find((s) => s.table !== undefined)?.table;
  assert.ok(found, "the reply has a table");
  return found;
}

/** The row for a local address (as shown), as {column: cell}. */
function row(reply: Reply, address: string): Record<string, string> {
  const t = table(reply);
  const cells = t.rows.find((r) => r[1] === address);
  assert.ok(cells, `a row for ${address}`);
  return Object.fromEntries(t.columns.map((c, i) => [c, cells[i] ?? ""]));
}

describe("a listing's answer", () => {
  test("one public, rated table: address, protocol, state, process, most likely", () => {
    const r = listing(listingFixture("linux-ss-ltnp"));
    assert.equal(r.kind, "listing");
    assert.equal(r.visibility, "public");
    assert.equal(r.ratable, true);
    assert.equal(r.cards.length, 1);
    assert.equal(r.cards[0]?.title, "13 sockets in that ss listing");
    assert.deepEqual(row(r, "127.0.0.1:5432"), {
      "!": "",
      "local address": "127.0.0.1:5432",
      proto: "tcp",
      state: "LISTEN",
      process: "postgres (pid 2205)",
      "most likely": "PostgreSQL",
    });
    assert.ok(r.ports.includes(5432) && r.ports.includes(6379));
  });

  test("most likely: the team's note first, then the curated use, then IANA's name", () => {
    const notes: NoteLookup = (port, protocol) =>
      port === 5432 && protocol === "tcp" ? "payments DB (staging)" : null;
    const r = listing(listingFixture("windows-netstat-ano"), notes);
    assert.equal(row(r, "[::1]:5432")["most likely"], "team: payments DB (staging)");
    assert.equal(row(r, "0.0.0.0:3389")["most likely"], "Remote Desktop (RDP)");
    assert.equal(row(r, "0.0.0.0:123")["most likely"], "ntp");
    assert.equal(row(r, "0.0.0.0:5040")["most likely"], "unknown");
    // Without notes, the curated use leads again.
    assert.equal(
      row(listing(listingFixture("windows-netstat-ano")), "[::1]:5432")["most likely"],
      "PostgreSQL",
    );
  });

  test("a connection's ephemeral local end is named after what it connects to", () => {
    const r = listing(listingFixture("powershell-get-nettcpconnection"));
    assert.equal(row(r, "192.168.1.20:50412")["most likely"], "→ 443 https");
  });

  test("a published container port is named after the container's port", () => {
    const r = listing(listingFixture("docker-ps"));
    assert.equal(row(r, "0.0.0.0:8080")["most likely"], "http");
    assert.equal(row(r, "0.0.0.0:8080").process, "web (nginx:1.27)");
  });

  test("listeners on every interface whose port has an exposure note are flagged, with the note", () => {
    const r = listing(listingFixture("linux-ss-tunap"));
    assert.equal(row(r, "0.0.0.0:27017")["!"], "!");
    assert.equal(row(r, "0.0.0.0:11211")["!"], "!");
    // Redis on localhost is not exposed; 8080 on every interface has no exposure note.
    assert.equal(row(r, "127.0.0.1:6379")["!"], "");
    assert.equal(row(r, "*:8080")["!"], "");
    const flagged = table(r).rows.filter((cells) => cells[0] === "!").length;
    const exposed = r.cards[0]?.sections.find((s) => s.title === "Listening on every interface");
    assert.equal(exposed?.items.length, flagged, "one note per flagged listener");
    assert.match(r.text, /MongoDB: mongod listens on localhost only/);
    assert.match(r.cards[0]?.subtitle ?? "", new RegExp(`${flagged} are worth a look`));
  });

  test("[::] and * count as every interface (docker, lsof)", () => {
    assert.equal(row(listing(listingFixture("macos-lsof")), "*:6379")["!"], "!");
    const docker = listing(listingFixture("docker-ps"));
    assert.equal(row(docker, "127.0.0.1:6379")["!"], "");
  });

  test("past 50 sockets: the first 50 and “+N more”", () => {
    const r = listing(ssListing(64));
    assert.equal(table(r).rows.length, 50);
    assert.equal(r.cards[0]?.title, "64 sockets in that ss listing");
    assert.match(r.text, /\+14 more sockets not shown: the table stops at 50/);
  });

  test("a listing with no sockets says so, privately", () => {
    const r = listing("CONTAINER ID   IMAGE   COMMAND   CREATED   STATUS   PORTS   NAMES\n");
    assert.equal(r.visibility, "private");
    assert.equal(r.ratable, false);
    assert.match(r.text, /shows no sockets with a port/);
  });

  test("text without a listing is not answered as one", () => {
    assert.equal(portbot.listing("what is 5432 and 6379?"), null);
  });

  test("the plain text carries the table, so notifications and fallbacks show it", () => {
    const r = listing(listingFixture("linux-lsof"));
    assert.match(r.text, /^!\s+local address\s+proto\s+state\s+process\s+most likely$/m);
    assert.match(r.text, /^\s+127\.0\.0\.1:4222\s+tcp\s+LISTEN\s+nats-serv \(pid 2962\)\s+NATS$/m);
  });
});

describe("tableLines", () => {
  test("columns as wide as their widest cell, long cells cut, the port of an address kept", () => {
    const lines = tableLines({
      columns: ["a", "bb"],
      widths: [3, 10],
      rows: [
        ["xxxxxx", "y"],
        ["z", "w"],
      ],
    });
    assert.deepEqual(lines, ["a    bb", "xx…  y", "z    w"]);
    const r = listing(listingFixture("windows-netstat-ano"));
    assert.ok(table(r).rows.some((cells) => cells[1] === "[fe80::1c2d:3e4f:5a6b:7…]:1900"));
  });
});
