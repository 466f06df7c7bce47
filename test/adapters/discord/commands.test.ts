import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { GatewayIntentBits, IntentsBitField, Partials } from "discord.js";
import { COMMANDS, commandKey, manifestCommands } from "../../../src/adapters/discord/commands.ts";
import { COMMAND_ROUTES, INTENTS, PARTIALS } from "../../../src/adapters/discord/index.ts";

const manifest = JSON.parse(
  readFileSync(new URL("../../../manifests/discord-commands.json", import.meta.url), "utf8"),
) as { name: string; type: number; description?: string; options?: { autocomplete?: boolean }[] }[];

test("the code handles exactly the commands in manifests/discord-commands.json", () => {
  const inManifest = manifest.map((c) => commandKey(c.name, c.type)).sort();
  assert.deepEqual(Object.keys(COMMAND_ROUTES).sort(), inManifest);
  assert.deepEqual(
    manifestCommands()
      .map((c) => commandKey(c.name, c.type))
      .sort(),
    inManifest,
  );
  assert.deepEqual(COMMANDS, manifest, "register sends the manifest as is");
});

test("the manifest is valid for Discord", () => {
  for (const c of manifest) {
    if (c.type === 1) {
      assert.match(c.name, /^[-_\p{Ll}\p{N}]{1,32}$/u);
      assert.ok(c.description && c.description.length <= 100);
    } else {
      assert.equal(c.description, undefined, "context-menu commands have no description");
      assert.ok(c.name.length <= 32);
    }
  }
  assert.ok(manifest.find((c) => c.name === "port")?.options?.[0]?.autocomplete);
});

test("every command works in guilds, the bot's DM and private channels, installed by a guild or a user", () => {
  const all = JSON.parse(
    readFileSync(new URL("../../../manifests/discord-commands.json", import.meta.url), "utf8"),
  ) as { name: string; contexts: number[]; integration_types: number[] }[];
  for (const c of all) {
    assert.deepEqual(c.contexts, [0, 1, 2], c.name);
    assert.deepEqual(c.integration_types, [0, 1], c.name);
  }
});

test("only non-privileged intents; DMs and their reactions; partials for uncached reactions", () => {
  const bits = new IntentsBitField([...INTENTS]);
  const privileged = [
    GatewayIntentBits.MessageContent,
    GatewayIntentBits.GuildMembers,
    GatewayIntentBits.GuildPresences,
  ];
  for (const p of privileged) assert.equal(bits.has(p), false);
  assert.ok(bits.has(GatewayIntentBits.DirectMessages), "DMs to the bot");
  assert.ok(bits.has(GatewayIntentBits.DirectMessageReactions), "ratings in DMs");
  for (const p of [Partials.Message, Partials.Channel, Partials.Reaction, Partials.User]) {
    assert.ok(PARTIALS.includes(p));
  }
});
