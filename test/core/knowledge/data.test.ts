// Every committed curated-knowledge file validates against its zod schema, and holds the facts the
// answers rely on (README, Curated knowledge).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { DEFAULT_DATA_DIR, KNOWLEDGE_FILES } from "../../../src/core/knowledge/load.ts";
import {
  CATEGORIES,
  ChecksFileSchema,
  EphemeralRangesFileSchema,
  ExposureNotesFileSchema,
  MAX_ROOT_SHARE,
  PrivilegedPortsFileSchema,
  UnofficialUsesFileSchema,
} from "../../../src/core/knowledge/schema.ts";
import { isRootSource, rootShare } from "../../../src/core/knowledge/sources.ts";
import { loadPortbot } from "../../../src/core/portbot.ts";
import { rankUses } from "../../../src/core/rank.ts";
import { spansToPlain } from "../../../src/core/reply.ts";
import type {
  CheckTemplate,
  EphemeralRange,
  ExposureNote,
  PrivilegedPortRule,
  UnofficialUse,
} from "../../../src/core/types.ts";

function readJson(name: string): unknown {
  return JSON.parse(readFileSync(join(DEFAULT_DATA_DIR, name), "utf8"));
}

function explain(error: { issues: readonly { path: PropertyKey[]; message: string }[] }): string {
  return error.issues
    .slice(0, 10)
    .map((i) => `${i.path.map(String).join(".")}: ${i.message}`)
    .join("\n");
}

function parseUnofficial(): UnofficialUse[] {
  const result = UnofficialUsesFileSchema.safeParse(readJson(KNOWLEDGE_FILES.unofficial));
  assert.ok(result.success, result.success ? "" : explain(result.error));
  // The annotation makes tsc prove the schema's output fits the contract type.
  const uses: UnofficialUse[] = result.data;
  return uses;
}

function parseEphemeral(): EphemeralRange[] {
  const result = EphemeralRangesFileSchema.safeParse(readJson(KNOWLEDGE_FILES.ephemeral));
  assert.ok(result.success, result.success ? "" : explain(result.error));
  const ranges: EphemeralRange[] = result.data;
  return ranges;
}

function parseChecks(): CheckTemplate[] {
  const result = ChecksFileSchema.safeParse(readJson(KNOWLEDGE_FILES.checks));
  assert.ok(result.success, result.success ? "" : explain(result.error));
  const checks: CheckTemplate[] = result.data;
  return checks;
}

function parseExposure(): ExposureNote[] {
  const result = ExposureNotesFileSchema.safeParse(readJson(KNOWLEDGE_FILES.exposure));
  assert.ok(result.success, result.success ? "" : explain(result.error));
  const notes: ExposureNote[] = result.data;
  return notes;
}

function parsePrivileged(): PrivilegedPortRule[] {
  const result = PrivilegedPortsFileSchema.safeParse(readJson(KNOWLEDGE_FILES.privileged));
  assert.ok(result.success, result.success ? "" : explain(result.error));
  const rules: PrivilegedPortRule[] = result.data;
  return rules;
}

/** The issue's target size; the root-source cap is enforced from there on (see below). */
const TARGET_ENTRIES = 1500;

const covering = (uses: UnofficialUse[], port: number) =>
  uses.filter((u) => u.first <= port && port <= u.last);

describe("data/unofficial-uses.json", () => {
  const uses = parseUnofficial();

  it("validates and has at least 200 entries", () => {
    assert.ok(uses.length >= 200, `only ${uses.length} entries`);
  });

  it("uses only categories from the vocabulary, and a good spread of them", () => {
    const vocabulary = new Set<string>(CATEGORIES);
    for (const u of uses) assert.ok(vocabulary.has(u.category), `${u.name}: ${u.category}`);
    const present = new Set(uses.map((u) => u.category));
    for (const wanted of [
      "development",
      "database",
      "messaging",
      "containers",
      "monitoring",
      "remote-access",
      "vpn",
      "games",
      "apple",
      "microsoft",
      "google",
    ]) {
      assert.ok(present.has(wanted), `no entry in category ${wanted}`);
    }
  });

  it("ranks with honest prominence: household names high, obscure games low", () => {
    const prominence = (name: string) => uses.find((u) => u.name === name)?.prominence;
    assert.equal(prominence("PostgreSQL"), 5);
    assert.equal(prominence("Redis"), 5);
    assert.equal(prominence("Doom multiplayer"), 1);
    assert.equal(prominence("Quake III Arena"), 1);
    assert.ok((prominence("ZooKeeper quorum") ?? 5) <= 2, "cluster-internal ports are secondary");
  });

  it("cites a repository root or home page only as community-reported", () => {
    for (const u of uses.filter((x) => isRootSource(x.source))) {
      assert.equal(u.confidence, "community-reported", `${u.name}: ${u.source}`);
    }
  });

  // The cap is the rule from TARGET_ENTRIES entries on (the 390 entries written before it were
  // 54% roots; the new ones dilute them). Until then the test runs and reports as a TODO.
  const share = rootShare(uses.map((u) => u.source));
  it(
    `cites a repository root or home page for at most ${MAX_ROOT_SHARE * 100}% of entries`,
    uses.length < TARGET_ENTRIES
      ? {
          todo: `${(share * 100).toFixed(1)}% roots in ${uses.length} entries, enforced from ${TARGET_ENTRIES}`,
        }
      : {},
    () => {
      assert.ok(
        share <= MAX_ROOT_SHARE,
        `${(share * 100).toFixed(1)}% of ${uses.length} entries cite a root`,
      );
    },
  );

  it("labels vendor-documented entries with a source other than community lists", () => {
    for (const u of uses.filter((x) => x.confidence === "vendor-documented")) {
      assert.ok(!u.source.includes("wikipedia.org"), `${u.name} cites Wikipedia as vendor doc`);
    }
  });

  it("covers 60876 and 60904 with Apple Xsan and Mosh", () => {
    for (const port of [60876, 60904]) {
      const names = covering(uses, port).map((u) => u.name);
      assert.ok(names.includes("Apple Xsan"), `${port}: ${names.join(", ")}`);
      assert.ok(names.includes("Mosh"), `${port}: ${names.join(", ")}`);
    }
    const xsan = uses.find((u) => u.name === "Apple Xsan");
    assert.deepEqual([xsan?.first, xsan?.last], [49152, 65535]);
    const mosh = uses.find((u) => u.name === "Mosh");
    assert.deepEqual([mosh?.first, mosh?.last, mosh?.protocols], [60000, 61000, ["udp"]]);
  });

  it("has Minecraft on 25565 and Kubernetes NodePort on 30000-32767", () => {
    const minecraft = covering(uses, 25565).find((u) => u.aliases.includes("minecraft"));
    assert.ok(minecraft, "no Minecraft entry on 25565");
    const nodePort = uses.find((u) => u.name === "Kubernetes NodePort");
    assert.deepEqual([nodePort?.first, nodePort?.last], [30000, 32767]);
  });

  it("says what engineers expect on 53, 853, 443/udp and 25565", () => {
    const names = (port: number, protocol: string) =>
      covering(uses, port)
        .filter((u) => u.protocols.includes(protocol as UnofficialUse["protocols"][number]))
        .map((u) => u.name);
    for (const n of ["systemd-resolved stub resolver", "Pi-hole DNS", "DNS over TCP"]) {
      assert.ok(names(53, "tcp").includes(n), n);
    }
    assert.ok(names(853, "tcp").includes("DNS over TLS"));
    assert.ok(names(443, "udp").includes("HTTP/3 (QUIC)"));
    assert.ok(names(25565, "udp").includes("Minecraft server query"));
  });

  it("has the fixes the knowledge issue lists", () => {
    const byName = (n: string) => uses.find((u) => u.name === n);
    assert.deepEqual(byName("Apple Xsan")?.protocols, ["tcp"]);
    for (const n of ["WireGuard", "ngrok inspector", "Jenkins", "Apache Tomcat", "Spring Boot"]) {
      assert.equal(byName(n)?.confidence, "vendor-documented", n);
      assert.ok(!isRootSource(byName(n)?.source ?? ""), n);
    }
  });

  it("ranks the servers people run first on 8080 (rankUses over the real data)", () => {
    const top = rankUses(8080, uses)
      .slice(0, 3)
      .map((u) => u.name)
      .sort();
    assert.deepEqual(top, ["Apache Tomcat", "Jenkins", "Spring Boot"]);
  });

  it("finds the well-known names people type through aliases", () => {
    const byAlias = (alias: string) => uses.filter((u) => u.aliases.includes(alias));
    const expectations: [string, number][] = [
      ["postgres", 5432],
      ["mongo", 27017],
      ["redis", 6379],
      ["kafka", 9092],
      ["k8s", 6443],
      ["mc", 25565],
      ["vite", 5173],
      ["elasticsearch", 9200],
      ["rdp", 3389],
      ["wireguard", 51820],
    ];
    for (const [alias, port] of expectations) {
      assert.ok(
        byAlias(alias).some((u) => u.first <= port && port <= u.last),
        `alias ${alias} does not lead to ${port}`,
      );
    }
  });
});

describe("data/ephemeral-ranges.json", () => {
  const ranges = parseEphemeral();

  it("marks exactly today's widespread defaults (Linux, Windows, macOS) as current", () => {
    assert.deepEqual(
      ranges
        .filter((r) => r.current)
        .map((r) => r.system)
        .sort(),
      ["Linux", "Windows", "macOS"],
    );
  });

  it("has every required system with the documented figures", () => {
    const expected: [string, number, number][] = [
      ["IANA / RFC 6335", 49152, 65535],
      ["Linux", 32768, 60999],
      ["Windows", 49152, 65535],
      ["macOS", 49152, 65535],
      ["FreeBSD", 10000, 65535],
      ["OpenBSD", 1024, 49151],
      ["OpenBSD (high range)", 49152, 65535],
      ["Windows XP / Server 2003 and older", 1025, 5000],
      ["Linux (older kernels)", 32768, 61000],
      ["Solaris", 32768, 65535],
      ["AIX", 32768, 65535],
      ["NetBSD", 49152, 65535],
    ];
    for (const [system, first, last] of expected) {
      const range = ranges.find((r) => r.system === system);
      assert.ok(range, `missing ${system}`);
      assert.deepEqual([range.first, range.last], [first, last], system);
    }
  });

  it("names the settings people change and the old Windows range", () => {
    const linux = ranges.find((r) => r.system === "Linux");
    assert.match(linux?.setting ?? "", /net\.ipv4\.ip_local_port_range/);
    const windows = ranges.find((r) => r.system === "Windows");
    assert.match(windows?.setting ?? "", /netsh int ipv4 show dynamicport tcp/);
    assert.match(windows?.note ?? "", /1025-5000/);
    assert.match(windows?.note ?? "", /Vista \/ Server 2008 and later/);
  });

  it("keeps older releases and less common systems out of the current defaults", () => {
    for (const system of ["Windows XP / Server 2003 and older", "Linux (older kernels)"]) {
      assert.equal(ranges.find((r) => r.system === system)?.current, false, system);
    }
  });

  it("answers 1025-1050 with older Windows, never 'most likely ephemeral' on today's systems", () => {
    const bot = loadPortbot();
    for (const port of ["1025", "1027", "1050"]) {
      assert.doesNotMatch(bot.reply(port).cards[0]?.title ?? "", /temporary client port/, port);
      const section = bot
        .reply(port, { detail: "full" })
        .cards[0]?.sections.find((s) => s.title === "Ephemeral port on");
      const body = spansToPlain(section?.body[0] ?? []);
      assert.match(body, /Windows XP \/ Server 2003 and older may hand this port out/, port);
      assert.match(body, /today's Linux, Windows and macOS do not/, port);
      assert.doesNotMatch(body, /most likely/, port);
    }
  });

  it("puts 60876 in Linux, Windows, macOS and FreeBSD ranges but not OpenBSD's default one", () => {
    const systems = ranges.filter((r) => r.first <= 60876 && 60876 <= r.last).map((r) => r.system);
    for (const s of ["Linux", "Windows", "macOS", "FreeBSD", "IANA / RFC 6335"])
      assert.ok(systems.includes(s), s);
    assert.ok(!systems.includes("OpenBSD"));
    const at61000 = ranges.filter((r) => r.first <= 61000 && 61000 <= r.last).map((r) => r.system);
    assert.ok(!at61000.includes("Linux"), "61000 is past Linux's 60999");
  });
});

describe("data/checks.json", () => {
  const checks = parseChecks();

  it("has TCP and UDP forms for every platform", () => {
    for (const platform of [
      "macOS / Linux",
      "Linux",
      "Windows",
      "PowerShell",
      "From another machine",
    ]) {
      for (const protocol of ["tcp", "udp"] as const) {
        assert.ok(
          checks.some((c) => c.platform === platform && c.protocol === protocol),
          `no ${protocol} check for ${platform}`,
        );
      }
    }
  });

  it("includes the commands people actually use", () => {
    const commands = checks.map((c) => c.command);
    for (const expected of [
      "lsof -nP -iTCP:{port} -sTCP:LISTEN",
      "lsof -nP -iUDP:{port}",
      "ss -ltnp 'sport = :{port}'",
      "ss -lunp 'sport = :{port}'",
      'netstat -ano | findstr /R /C:":{port} "',
      "nmap -p {port} {host}",
      "sudo nmap -sU -p {port} {host}",
      "nc -zv {host} {port}",
    ]) {
      assert.ok(commands.includes(expected), expected);
    }
    assert.ok(commands.some((c) => c.startsWith("Get-NetTCPConnection -LocalPort {port}")));
    assert.ok(commands.some((c) => c.startsWith("Get-NetUDPEndpoint -LocalPort {port}")));
  });

  it("says what each Windows and PowerShell check matches, without false matches or errors", () => {
    const windows = checks.filter((c) => c.platform === "Windows");
    for (const c of windows) {
      // A bare `findstr :80` also matches :8080 and remote ports.
      assert.match(c.command, /findstr \/R \/C:":\{port\} "/, c.command);
      assert.match(c.note, /exactly \{port\}/, c.note);
    }
    const powershell = checks.filter((c) => c.platform === "PowerShell");
    for (const c of powershell) {
      assert.match(c.command, /-ErrorAction SilentlyContinue/, c.command);
    }
    assert.ok(
      powershell.some((c) => c.protocol === "tcp" && c.command.includes("-State Listen")),
      "a PowerShell check for listeners",
    );
  });

  it("does not claim ss needs root to name processes, nor that nc sends an empty datagram", () => {
    for (const c of checks.filter((x) => x.command.startsWith("ss "))) {
      assert.doesNotMatch(c.note, /need(s)? root/i, c.note);
      assert.match(c.note, /your own/, c.note);
    }
    const ncUdp = checks.find((c) => c.command.startsWith("nc -zuv"));
    assert.ok(ncUdp);
    assert.doesNotMatch(ncUdp.note, /empty/i);
  });

  it("uses {host} only for checks run from another machine", () => {
    for (const c of checks) {
      assert.equal(c.command.includes("{host}"), c.platform === "From another machine", c.command);
    }
  });
});

describe("data/exposure-notes.json", () => {
  const notes = parseExposure();

  it("validates, each note with a source", () => {
    assert.ok(notes.length >= 40, `only ${notes.length} notes`);
    for (const n of notes) assert.match(n.source, /^https:\/\//);
  });

  it("covers the commonly attacked and amplifying ports, each on the right protocol", () => {
    const has = (port: number, protocol: "tcp" | "udp") =>
      notes.some((n) => n.first <= port && port <= n.last && n.protocols.includes(protocol));
    const tcp = [21, 22, 23, 445, 1433, 2375, 2376, 2379, 3306, 3389, 5432, 5900, 5984, 6379];
    const more = [6443, 9200, 10250, 27017, 389, 502];
    const udp = [19, 53, 123, 161, 389, 1900, 3702, 11211];
    for (const port of [...tcp, ...more]) assert.ok(has(port, "tcp"), `${port}/tcp`);
    for (const port of udp) assert.ok(has(port, "udp"), `${port}/udp`);
    // Amplification is a UDP matter: no amplifier note may claim TCP on those ports.
    for (const n of notes.filter((x) => /amplif/i.test(x.note))) {
      assert.ok(n.protocols.includes("udp"), `${n.product} amplifies only over UDP`);
    }
  });

  it("cites no repository root or home page", () => {
    for (const n of notes) assert.ok(!isRootSource(n.source), `${n.product}: ${n.source}`);
  });
});

describe("data/privileged-ports.json", () => {
  const rules = parsePrivileged();

  it("says what Linux and macOS really allow below 1024", () => {
    const linux = rules.find((r) => r.system === "Linux");
    assert.match(linux?.rule ?? "", /ip_unprivileged_port_start/);
    assert.match(linux?.rule ?? "", /CAP_NET_BIND_SERVICE/);
    const macos = rules.find((r) => r.system === "macOS");
    assert.match(macos?.rule ?? "", /10\.14/);
  });
});
