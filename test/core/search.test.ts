// Name search over the shipped data: what a person types (typos included) finds the port they
// mean, best first.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { PortSearch } from "../../src/core/search.ts";
import { testPortbot } from "../support/portbot.ts";

const portbot = testPortbot();
const search = new PortSearch(portbot.registry, portbot.knowledge);
const ports = (term: string, n = 5) => search.search(term, n).map((m) => m.first);

describe("name search: what people type", () => {
  test("typos find the right port first", () => {
    for (const [typed, port] of [
      ["postgress", 5432],
      ["rediss", 6379],
      ["mongdb", 27017],
      ["postgres", 5432],
      ["minecraft", 25565],
    ] as const) {
      assert.equal(ports(typed)[0], port, `${typed}: ${ports(typed).join(", ")}`);
    }
  });

  test("dns is 53 first (IANA calls it `domain`)", () => {
    assert.equal(ports("dns")[0], 53);
    assert.equal(search.search("dns", 1)[0]?.name, "domain");
  });

  test("http lists 80, 8080 and 443 in its first five", () => {
    const first = ports("http");
    for (const port of [80, 8080, 443]) assert.ok(first.includes(port), first.join(", "));
    assert.equal(first[0], 80);
  });

  test("words from names and descriptions, and prefixes, still find their ports", () => {
    assert.equal(ports("remote desktop")[0], 3389);
    assert.equal(search.search("x window", 1)[0]?.name, "x11");
    assert.equal(ports("postg")[0], 5432);
    assert.equal(ports("ms-wbt-server")[0], 3389);
  });

  test("IANA's other names for the same row are one entry (80: http, www, www-http)", () => {
    const http = search.search("www-http", 5).filter((m) => m.first === 80);
    assert.equal(http.length, 1);
    assert.equal(http[0]?.name, "http");
  });

  test("short words are not guessed at; nonsense finds nothing", () => {
    assert.deepEqual(search.search("qqxqzzy"), []);
    assert.deepEqual(search.search("good morning everyone"), []);
    // Four letters or fewer get no edits: `smtq` is not `smtp`.
    assert.deepEqual(search.search("smtq"), []);
  });

  test("the answer for a typo is a search answer with the right port first", () => {
    const a = portbot.answer("postgress");
    assert.equal(a.kind, "search");
    assert.equal(a.ports[0]?.port, 5432);
  });
});
