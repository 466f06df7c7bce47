// `portbot notes import|export`: a wiki table in, the same table out; bad rows named by line.
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { main } from "../../src/cli/main.ts";
import { openSqliteStore } from "../../src/feedback/sqlite.ts";
import { fakeIo } from "../support/cli.ts";

const WIKI = `Port,Protocol,Note,Author
9000,,"payments API (staging), owner @payments-team",alice
8000-8010,udp,media relays,bob
5432/tcp,,"main database, ""prod""",
70000,,out of range,carol
9001,icmp,bad protocol,carol
9002,,,carol
`;

describe("portbot notes", () => {
  let dir = "";
  let env: NodeJS.ProcessEnv = {};
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "portbot-notes-cli-"));
    env = { PORTBOT_DB: join(dir, "feedback.db"), PORTBOT_DATA_DIR: dir, USER: "ops" };
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("imports a wiki table into a workspace, naming each bad row by its line", async () => {
    await writeFile(join(dir, "wiki.csv"), WIKI);
    const io = fakeIo(env);
    const code = await main(
      ["notes", "import", join(dir, "wiki.csv"), "--platform", "slack", "--workspace", "T0TEAM"],
      io,
    );
    assert.equal(code, 1, "some rows were refused");
    assert.match(io.out, /Imported 3 of 6 notes into slack T0TEAM/);
    assert.match(io.err, /row 5: port “70000”/);
    assert.match(io.err, /row 6: protocol “icmp”/);
    assert.match(io.err, /row 7: the note is empty/);
    const store = await openSqliteStore(env.PORTBOT_DB as string);
    try {
      const notes = await store.listNotes({ platform: "slack", workspace: "T0TEAM" });
      assert.deepEqual(
        notes.map((n) => [n.first, n.last, n.protocol, n.text, n.author]),
        [
          [9000, 9000, null, "payments API (staging), owner @payments-team", "alice"],
          [8000, 8010, "udp", "media relays", "bob"],
          [5432, 5432, "tcp", 'main database, "prod"', "ops"],
        ],
      );
      assert.deepEqual(await store.listNotes({ platform: "shell", workspace: "local" }), []);
    } finally {
      await store.close();
    }
  });

  it("exports the same columns, quoting where CSV needs it, and round-trips", async () => {
    const io = fakeIo(env);
    const out = join(dir, "out.csv");
    const code = await main(
      ["notes", "export", out, "--platform", "slack", "--workspace", "T0TEAM"],
      io,
    );
    assert.equal(code, 0);
    const csv = await readFile(out, "utf8");
    const lines = csv.trim().split("\n");
    assert.equal(lines[0], "port,protocol,note,author,added");
    assert.match(
      lines[1] ?? "",
      /^9000,,"payments API \(staging\), owner @payments-team",alice,\d{4}-/,
    );
    assert.match(lines[2] ?? "", /^8000-8010,udp,media relays,bob,/);
    assert.match(lines[3] ?? "", /^5432,tcp,"main database, ""prod""",ops,/);
    const again = fakeIo(env);
    await main(["notes", "import", out, "--workspace", "local"], again);
    assert.match(again.out, /Imported 3 of 3 notes into shell local/);
  });

  it("explains bad usage with exit 2", async () => {
    for (const args of [
      ["notes"],
      ["notes", "import"],
      ["notes", "export", "x.csv", "--platform", "irc"],
      ["notes", "export", "x.csv", "--platform", "slack"],
      ["notes", "import", "x.csv", "--history"],
    ]) {
      const io = fakeIo(env);
      assert.equal(await main(args, io), 2, args.join(" "));
      assert.match(io.err, /Usage:/);
    }
  });
});
