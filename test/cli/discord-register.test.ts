import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { afterEach, beforeEach, test } from "node:test";
import { runDiscordRegister } from "../../src/cli/discord-register.ts";
import { FakeDiscord } from "../fakes/discord.ts";
import { fakeIo } from "../support/cli.ts";

const manifest = JSON.parse(
  readFileSync(new URL("../../manifests/discord-commands.json", import.meta.url), "utf8"),
) as unknown;

let fake: FakeDiscord;
beforeEach(async () => {
  fake = await FakeDiscord.start();
});
afterEach(async () => {
  await fake.close();
});

const io = (env: Record<string, string>) => fakeIo(env);

const env = () => ({
  DISCORD_TOKEN: "ZmFrZQ.ZGlzY29yZA.fake-discord-token",
  DISCORD_APPLICATION_ID: fake.applicationId,
  DISCORD_API_URL: fake.apiUrl,
});

test("register overwrites the global commands with the manifest", async () => {
  const cli = io(env());
  assert.equal(await runDiscordRegister([], cli), 0, cli.err);
  const [put] = fake.calls(/\/commands$/, "PUT");
  assert.equal(put?.decodedPath, `/api/v10/applications/${fake.applicationId}/commands`);
  assert.deepEqual(put?.body, manifest);
  assert.equal(put?.headers.authorization, "Bot ZmFrZQ.ZGlzY29yZA.fake-discord-token");
  assert.match(cli.out, /Registered 2 commands \(port, Explain ports\) globally/);
});

test("--guild registers in one guild; DISCORD_GUILD_ID is the default; --global overrides it", async () => {
  const guild = "123456789012345678";
  assert.equal(await runDiscordRegister(["--guild", guild], io(env())), 0);
  assert.equal(await runDiscordRegister([], io({ ...env(), DISCORD_GUILD_ID: guild })), 0);
  assert.equal(
    await runDiscordRegister(["--global"], io({ ...env(), DISCORD_GUILD_ID: guild })),
    0,
  );
  const paths = fake.calls(/\/commands$/, "PUT").map((r) => r.decodedPath);
  assert.deepEqual(paths, [
    `/api/v10/applications/${fake.applicationId}/guilds/${guild}/commands`,
    `/api/v10/applications/${fake.applicationId}/guilds/${guild}/commands`,
    `/api/v10/applications/${fake.applicationId}/commands`,
  ]);
});

test("without DISCORD_APPLICATION_ID the application is looked up first", async () => {
  const { DISCORD_APPLICATION_ID: _, ...rest } = env();
  const cli = io(rest);
  assert.equal(await runDiscordRegister([], cli), 0, cli.err);
  assert.equal(fake.calls(/\/applications\/@me$/, "GET").length, 1);
  assert.equal(fake.calls(/\/commands$/, "PUT").length, 1);
});

test("usage errors exit 2; a refusal by Discord exits 1 with the reason", async () => {
  assert.equal(await runDiscordRegister([], io({})), 2);
  assert.equal(await runDiscordRegister(["--guild", "abc"], io(env())), 2);
  assert.equal(await runDiscordRegister(["--bogus"], io(env())), 2);
  assert.equal(
    await runDiscordRegister(["--guild", "123456789012345678", "--global"], io(env())),
    2,
  );
  fake.fail({
    method: "PUT",
    path: /\/commands$/,
    status: 400,
    body: { message: "Invalid Form Body", code: 50035 },
  });
  const cli = io(env());
  assert.equal(await runDiscordRegister([], cli), 1);
  assert.match(cli.err, /Invalid Form Body/);
});
