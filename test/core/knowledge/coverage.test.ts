// Coverage of the ports internet-wide scans find open most often, read from nmap's own
// nmap-services at test time (Debian package `nmap`; .ci/run installs it). Its licence does not let
// us ship or copy it, so nothing of it is in the repository: without the file the test skips.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import type { PortFacts } from "../../../src/core/answer-model.ts";
import { loadPortbot } from "../../../src/core/portbot.ts";
import { spansToPlain } from "../../../src/core/reply.ts";
import { NMAP_SERVICES, nmapTopPorts } from "../../support/nmap.ts";

/** How many of nmap's most frequently open ports are checked, per protocol. */
const TOP = { tcp: 1000, udp: 200 } as const;
type Proto = keyof typeof TOP;

/**
 * Ports nmap names among its top ones for which no common use could be sourced: the answer must
 * say so honestly. A port leaves this list as soon as it gets an IANA assignment or a curated use
 * (the test fails on a stale entry), and a new gap fails the test until it is sourced or listed.
 */
const NO_KNOWN_USE: Record<Proto, Record<number, string>> = {
  tcp: {
    // Windows XP / Server 2003 handed 1025-5000 out in turn, RPC services included.
    1027: "old-windows",
    // Solaris put RPC services on its ephemeral ports; today's Linux uses them as ephemeral too.
    32778: "solaris",
    32779: "solaris",
    32780: "solaris",
    1024: "no source",
    100: "no source",
    787: "no source",
    898: "no source",
    1301: "no source",
    6567: "no source",
    // No page stating them was found for these products (endpoint and management suites).
    4998: "no source",
    9081: "no source",
    38292: "no source",
  },
  udp: {
    1028: "old-windows",
    1030: "old-windows",
    1031: "old-windows",
    1032: "old-windows",
    1008: "no source",
  },
};

/** An IANA assignment (current, or former with its name) or a curated use on this protocol. */
function substantive(facts: PortFacts, proto: Proto): boolean {
  const iana = facts.iana.some(
    (a) =>
      a.protocol === proto &&
      ((a.status === "assigned" && (a.service !== null || a.description !== "")) ||
        a.formerly?.service != null),
  );
  return iana || facts.unofficial.some((u) => u.protocols.includes(proto));
}

test("every port nmap names among its top 1,000 TCP / 200 UDP gets a substantive or honest answer", (t) => {
  if (!existsSync(NMAP_SERVICES)) {
    t.skip(`${NMAP_SERVICES} not found (install the Debian package nmap): coverage not checked`);
    return;
  }
  const text = readFileSync(NMAP_SERVICES, "utf8");
  const top = { tcp: nmapTopPorts(text, "tcp", TOP.tcp), udp: nmapTopPorts(text, "udp", TOP.udp) };
  assert.equal(top.tcp.length, TOP.tcp);
  assert.equal(top.udp.length, TOP.udp);
  const bot = loadPortbot();
  const problems: string[] = [];
  let covered = 0;
  let named = 0;
  for (const proto of ["tcp", "udp"] as const) {
    for (const { port, named: isNamed } of top[proto]) {
      const query = `${port}/${proto}`;
      const facts = bot.answer(query).ports[0];
      const card = bot.reply(query, { detail: "full" }).cards[0];
      if (facts === undefined || card === undefined) {
        problems.push(`${query}: no answer`);
        continue;
      }
      const gap = NO_KNOWN_USE[proto][port];
      if (isNamed) named++;
      if (substantive(facts, proto)) {
        covered++;
        if (gap !== undefined) problems.push(`${query}: answered now; drop it from NO_KNOWN_USE`);
        continue;
      }
      if (isNamed && gap === undefined) problems.push(`${query}: named by nmap but unanswered`);
      // Whatever the reason, the headline must not pretend to know a use.
      if (!/no known common use/i.test(card.subtitle ?? "")) {
        problems.push(`${query}: says "${card.subtitle}" without a known use`);
      }
      const ephemeral = spansToPlain(
        card.sections.find((s) => s.title === "Ephemeral port on")?.body[0] ?? [],
      );
      if (gap === "old-windows" && !/Windows XP \/ Server 2003 and older/.test(ephemeral)) {
        problems.push(`${query}: should explain older Windows' ephemeral range`);
      }
      if (gap === "solaris" && !/Solaris/.test(ephemeral)) {
        problems.push(`${query}: should explain Solaris' ephemeral range`);
      }
    }
  }
  assert.deepEqual(problems, []);
  // Figures for the record (npm run bench reports them too).
  t.diagnostic(`${covered} of ${TOP.tcp + TOP.udp} top ports answered; ${named} named by nmap`);
});
