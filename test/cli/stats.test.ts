import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { renderText } from "../../src/adapters/shell/render-text.ts";
import { parseSince, runStats } from "../../src/cli/stats.ts";
import { statsReply } from "../../src/core/reply.ts";
import { openSqliteStore } from "../../src/feedback/sqlite.ts";
import { answer, minutes, reaction } from "../feedback/fixtures.ts";
import { fakeIo } from "../support/cli.ts";

describe("portbot stats", () => {
  let dir = "";
  let env: NodeJS.ProcessEnv = {};

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "portbot-stats-cli-"));
    env = { PORTBOT_DB: join(dir, "feedback.db"), PORTBOT_DATA_DIR: dir };
    const store = await openSqliteStore(env.PORTBOT_DB as string);
    await store.migrate();
    await store.recordAnswer(
      answer({ messageId: "old", query: "22", ports: [22], at: minutes(0) }),
    );
    await store.recordAnswer(
      answer({ messageId: "new", query: "5432", ports: [5432], at: minutes(60 * 24 * 3) }),
    );
    await store.recordReaction(
      reaction({ messageId: "old", rating: "not-helpful", at: minutes(1) }),
    );
    await store.recordReaction(
      reaction({ messageId: "new", rating: "helpful", at: minutes(60 * 24 * 3) }),
    );
    await store.close();
  });

  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("--json prints every figure, dates as ISO strings", async () => {
    const io = fakeIo(env);
    assert.equal(await runStats(["--json"], io), 0, io.err);
    const s = JSON.parse(io.out);
    assert.equal(s.kind, "stats");
    assert.equal(s.since, null);
    assert.equal(s.answers, 2);
    assert.deepEqual(s.overall, {
      helpful: 1,
      confusing: 0,
      notHelpful: 1,
      votes: 2,
      helpfulShare: 0.5,
    });
    assert.deepEqual(
      s.byPort.map((p: { port: number }) => p.port),
      [22, 5432],
    );
    assert.deepEqual(s.leastHelpful, [
      { query: "22", platform: "slack", ports: [22], notHelpful: 1, votes: 1 },
    ]);
  });

  it("--since a date keeps the window and prints it as an ISO string", async () => {
    const io = fakeIo(env);
    assert.equal(await runStats(["--json", "--since", "2026-03-02"], io), 0, io.err);
    const s = JSON.parse(io.out);
    assert.equal(s.since, "2026-03-02T00:00:00.000Z");
    assert.equal(s.answers, 1);
    assert.equal(s.overall.votes, 1);
    assert.equal(s.overall.helpful, 1);
  });

  it("--since=7d counts back from now", async () => {
    const io = fakeIo(env);
    const before = Date.now();
    assert.equal(await runStats(["--json", "--since=7d"], io), 0, io.err);
    const since = Date.parse(JSON.parse(io.out).since);
    const week = 7 * 86_400_000;
    assert.ok(since >= before - week && since <= Date.now() - week);
  });

  it("--top cuts the lists", async () => {
    const io = fakeIo(env);
    assert.equal(await runStats(["--json", "--top", "1"], io), 0, io.err);
    assert.equal(JSON.parse(io.out).byPort.length, 1);
  });

  it("text is the core's stats reply rendered for the terminal", async () => {
    const io = fakeIo(env);
    assert.equal(await runStats([], io), 0, io.err);
    const store = await openSqliteStore(env.PORTBOT_DB as string);
    try {
      const expected = renderText(statsReply(await store.stats()), { color: false });
      assert.equal(io.out, expected);
    } finally {
      await store.close();
    }
  });

  it("an invalid --since exits 2 with a clear message", async () => {
    for (const bad of ["yesterday", "7", "7y", "2026-02-31", "-3d", ""]) {
      const io = fakeIo(env);
      assert.equal(await runStats([`--since=${bad}`], io), 2, bad);
      assert.match(
        io.err,
        /--since .* is not a window: use a duration \(30m, 24h, 7d, 2w\) or a date/,
      );
      assert.equal(io.out, "");
    }
  });

  it("bad usage exits 2", async () => {
    for (const args of [["--frobnicate"], ["extra"], ["--top", "0"], ["--top", "x"], ["--since"]]) {
      const io = fakeIo(env);
      assert.equal(await runStats(args, io), 2, args.join(" "));
      assert.match(io.err, /^portbot stats: /);
      assert.match(io.err, /Usage:/);
    }
  });

  it("bad configuration exits 2 naming the variable", async () => {
    const io = fakeIo({ ...env, DATABASE_URL: "not a url" });
    assert.equal(await runStats(["--json"], io), 2);
    assert.match(io.err, /DATABASE_URL/);
  });

  it("an unreadable store exits 1 without printing a database URL", async () => {
    const io = fakeIo({
      ...env,
      DATABASE_URL: "postgres://user:s3cret@127.0.0.1:1/none?connect_timeout=2",
    });
    assert.equal(await runStats(["--json"], io), 1);
    assert.match(io.err, /cannot read the ratings in PostgreSQL \(DATABASE_URL\)/);
    assert.doesNotMatch(io.err, /s3cret/);
  });

  it("--help prints the usage", async () => {
    const io = fakeIo(env);
    assert.equal(await runStats(["--help"], io), 0);
    assert.match(io.out, /portbot stats \[--json\]/);
  });
});

describe("parseSince", () => {
  const now = new Date("2026-03-10T12:00:00.000Z");
  it("durations back from now", () => {
    assert.equal(parseSince("30m", now)?.toISOString(), "2026-03-10T11:30:00.000Z");
    assert.equal(parseSince("24h", now)?.toISOString(), "2026-03-09T12:00:00.000Z");
    assert.equal(parseSince("7d", now)?.toISOString(), "2026-03-03T12:00:00.000Z");
    assert.equal(parseSince("2w", now)?.toISOString(), "2026-02-24T12:00:00.000Z");
    assert.equal(parseSince("7D", now)?.toISOString(), "2026-03-03T12:00:00.000Z");
  });
  it("dates and times", () => {
    assert.equal(parseSince("2026-01-01", now)?.toISOString(), "2026-01-01T00:00:00.000Z");
    assert.equal(parseSince("2026-01-01T08:30Z", now)?.toISOString(), "2026-01-01T08:30:00.000Z");
    assert.equal(
      parseSince("2026-01-01T08:30:00+02:00", now)?.toISOString(),
      "2026-01-01T06:30:00.000Z",
    );
  });
  it("refuses anything else", () => {
    for (const bad of [
      "",
      "7",
      "d",
      "7y",
      "1.5d",
      "2026-13-01",
      "2026-02-30",
      "2026-01-01T08:30",
      "now",
    ]) {
      assert.equal(parseSince(bad, now), null, bad);
    }
  });
});
