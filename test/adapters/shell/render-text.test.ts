import assert from "node:assert/strict";
import { test } from "node:test";
import { stripVTControlCharacters } from "node:util";
import { renderText } from "../../../src/adapters/shell/render-text.ts";
import { portbot } from "../../core/fixture.ts";

test("plain text has no escape codes; colour adds them without changing the words", () => {
  const reply = portbot.reply("60876", { detail: "full" });
  const plain = renderText(reply, { color: false });
  const color = renderText(reply, { color: true });
  assert.ok(!plain.includes("\u001b["));
  assert.ok(color.includes("\u001b["));
  assert.equal(stripVTControlCharacters(color), plain);
  assert.match(plain, /^Port 60876 · dynamic\/private · unassigned$/m);
  assert.match(
    plain,
    /^ {2}macOS \/ Linux \(tcp\) — Listeners only: lsof -nP -iTCP:60876 -sTCP:LISTEN$/m,
  );
  // A label and command wider than 80 columns: the command gets a row of its own, whole.
  assert.match(plain, /PID:\n {4}netstat -ano \| findstr \/R \/C:":60876 "$/m);
  assert.match(plain, /• Mosh \(udp, 60000–61000\)/);
  assert.match(plain, /source <https:\/\/mosh\.org\/>/);
});

test("control characters typed by a user cannot reach the terminal", () => {
  const plain = renderText(portbot.reply("\u001b[2Jzzqq\u0007"), { color: false });
  assert.ok(!plain.includes("\u0007") && !plain.includes("\u001b"));
  assert.match(plain, /zzqq/);
});

test("bidi controls from someone else's text cannot reorder what the terminal shows", () => {
  const query = "22\u202e)lanimret ruoy(\u2066x\u2069\u202a\u202b\u202c\u202d\u2067\u2068";
  const out = renderText(portbot.reply(query), { color: false });
  assert.doesNotMatch(out, /[\u202a-\u202e\u2066-\u2069]/u);
});

test("a listing's table prints whole rows, aligned, never wrapped", async () => {
  const { listingFixture } = await import("../../support/listings.ts");
  const { testPortbot } = await import("../../support/portbot.ts");
  const reply = testPortbot().listing(listingFixture("linux-ss-ltnp"));
  assert.ok(reply);
  const plain = renderText(reply, { color: false, width: 40 });
  assert.match(plain, /^ {2}! +local address +proto +state +process +most likely$/m);
  assert.match(plain, /^ {5}127\.0\.0\.1:5432 +tcp +LISTEN +postgres \(pid 2205\) +PostgreSQL$/m);
});

test("the compact answer: a command follows its label on one row when both fit", () => {
  const plain = renderText(portbot.reply("5432"), { color: false, width: 80 });
  assert.match(plain, /^ {2}macOS \/ Linux — listeners: lsof -nP -iTCP:5432 -sTCP:LISTEN$/m);
  const narrow = renderText(portbot.reply("5432"), { color: false, width: 40 });
  assert.match(narrow, /^ {2}macOS \/ Linux — listeners:\n {4}lsof -nP -iTCP:5432 -sTCP:LISTEN$/m);
});

test("untitled sections continue without a blank row; the prompt sits right under", () => {
  const rows = renderText(portbot.reply("60876"), { color: false, width: 80 }).split("\n");
  const blank = rows.filter((r) => r === "").length;
  assert.equal(blank, 2, rows.join("\n")); // after the sentence, and the final newline
  assert.match(rows.at(-2) ?? "", /^Was this helpful\?/);
});
