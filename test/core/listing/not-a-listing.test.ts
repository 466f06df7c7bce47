// Nothing but a listing is read as one: random text, ordinary questions and log lines with ports
// go the usual way (ports answered one by one, or the usage hint).
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import { readListing } from "../../../src/core/listing/read.ts";

const QUESTIONS = [
  "what is 5432 and 6379?",
  "what's listening on 0.0.0.0:8080?",
  "is [::]:22 safe to expose? and *:80",
  "LISTEN on 127.0.0.1:6379 please",
  "tcp 0.0.0.0:22",
  "TCP 10.0.0.1:443 ESTABLISHED",
  "/port 22 80 443",
  "Dec  4 12:00:01 web sshd[2211]: Accepted publickey for deploy from 10.0.0.8 port 51234 ssh2",
  '127.0.0.1 - - [04/Dec/2026:12:00:01 +0000] "GET / HTTP/1.1" 200 612 "-" "curl/8.5.0"',
  "2026-12-04T12:00:01Z INFO server listening on 0.0.0.0:3000 (pid 4242)",
  "nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)",
  "Connection to db.internal 5432 port [tcp/postgresql] succeeded!",
  "deadbeefcafe is the commit that broke 8080",
  "COMMAND PID USER for the lsof question",
];

test("ordinary questions and log lines with ports are not listings", () => {
  for (const q of QUESTIONS) assert.equal(readListing(q), null, q);
  assert.equal(readListing(QUESTIONS.join("\n")), null);
});

const logLine = fc
  .tuple(fc.ipV4(), fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 1, max: 99999 }))
  .map(([ip, port, pid]) => `12:00:01 app[${pid}]: connect ${ip}:${port} failed after ${pid} ms`);
const question = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 65535 }).map(String),
      fc.constantFrom("what", "is", "on", "and", "port", "tcp", "LISTEN", "0.0.0.0:*", "*:*"),
    ),
    { maxLength: 12 },
  )
  .map((words) => words.join(" "));

test("random text, questions and log lines are never taken for a listing (property)", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), logLine, question, fc.lorem()),
        { maxLength: 8 },
      ),
      (lines) => readListing(lines.join("\n")) === null,
    ),
    { numRuns: 2000 },
  );
});
