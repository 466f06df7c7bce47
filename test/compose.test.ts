// compose.yaml and deploy/nginx.conf agree with each other, the Dockerfile and the code (no Docker
// engine here to run them): two Slack replicas in HTTP mode behind the one published port, one
// Discord process, PostgreSQL shared by all. Each bot service's environment, run through the real
// configuration with every token set in .env, starts exactly the platform it is meant to.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { parseEnv } from "node:util";
import { SLACK_EVENTS_PATH } from "../src/adapters/slack/receiver.ts";
import { checkConfig } from "../src/config.ts";
import { parseYamlSubset, type Yaml } from "./adapters/slack/yaml-subset.ts";
import { parseDockerfile } from "./support/dockerfile.ts";

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), "utf8");
type Obj = { [key: string]: Yaml };
const obj = (v: Yaml | undefined): Obj => {
  assert.ok(typeof v === "object" && v !== null && !Array.isArray(v), "expected a mapping");
  return v;
};

const composeText = read("compose.yaml");
const compose = obj(parseYamlSubset(composeText));
const services = obj(compose.services);
const service = (name: string) => obj(services[name]);
const nginx = read("deploy/nginx.conf");
const imageEnv = Object.fromEntries(
  parseDockerfile(read("Dockerfile"))
    .filter((i) => i.keyword === "ENV")
    .flatMap((i) => i.args.split(/\s+/).map((pair) => pair.split("=") as [string, string])),
);

/** A service's environment as the container sees it: the image's ENV, .env, then `environment`. */
function containerEnv(name: string, dotEnv: Record<string, string>): NodeJS.ProcessEnv {
  const own = Object.fromEntries(
    Object.entries(obj(service(name).environment)).map(([k, v]) => [
      k,
      String(v).replaceAll(`\${POSTGRES_PASSWORD}`, dotEnv.POSTGRES_PASSWORD ?? ""),
    ]),
  );
  return { HOME: "/home/node", ...imageEnv, ...dotEnv, ...own };
}

/** .env as an operator fills it in from .env.example: both platforms, every token. */
const filledDotEnv = {
  ...parseEnv(read(".env.example")),
  SLACK_BOT_TOKEN: "xoxb-compose",
  SLACK_APP_TOKEN: "xapp-compose",
  SLACK_SIGNING_SECRET: "compose-secret",
  DISCORD_TOKEN: "Y29tcG9zZQ.dG9rZW4.compose-token",
  POSTGRES_PASSWORD: "composepw",
} as Record<string, string>;

test("the Slack service: two replicas, HTTP mode (never Socket Mode), no Discord", () => {
  const slack = service("slack");
  assert.equal(obj(slack.deploy).replicas, 2);
  assert.equal(slack.build, ".");
  const { config, problems } = checkConfig(containerEnv("slack", filledDotEnv));
  assert.deepEqual(problems, []);
  assert.equal(config?.slack?.appToken, null, "HTTP mode even with SLACK_APP_TOKEN in .env");
  assert.equal(config?.slack?.signingSecret, "compose-secret");
  assert.equal(config?.discord, null, "a second Discord connection would answer twice");
  assert.equal(config?.databaseUrl, "postgres://portbot:composepw@postgres:5432/portbot");
  assert.equal(slack.ports, undefined, "replicas publish nothing; the proxy does");
});

test("the Discord service: one process, no Slack, the same database", () => {
  const discord = service("discord");
  assert.equal(obj(discord.deploy).replicas, 1);
  assert.equal(discord.image, service("slack").image, "the same image");
  const { config, problems } = checkConfig(containerEnv("discord", filledDotEnv));
  assert.deepEqual(problems, []);
  assert.equal(config?.slack, null);
  assert.equal(config?.discord?.token, "Y29tcG9zZQ.dG9rZW4.compose-token");
  assert.equal(config?.databaseUrl, "postgres://portbot:composepw@postgres:5432/portbot");
});

test("one published port, the proxy's, round robin over the Slack service on its PORT", () => {
  const published = Object.entries(services).filter(([, s]) => obj(s).ports !== undefined);
  assert.deepEqual(
    published.map(([name]) => name),
    ["proxy"],
  );
  assert.deepEqual(service("proxy").ports, [`\${PORTBOT_HTTP_PORT:-3000}:80`]);
  assert.match(nginx, /^\s*listen 80;$/m);
  const port = obj(service("slack").environment).PORT;
  assert.match(nginx, new RegExp(`^\\s*server slack:${port} resolve;$`, "m"));
  assert.match(
    nginx,
    new RegExp(`location = ${SLACK_EVENTS_PATH} \\{\\s*proxy_pass http://portbot_slack;`),
  );
  assert.ok(composeText.includes("./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro"));
});

test("the bots keep their files on a volume at the image's data dir, after PostgreSQL is up", () => {
  for (const name of ["slack", "discord"]) {
    assert.deepEqual(service(name).volumes, [`portbot-data:${imageEnv.PORTBOT_DATA_DIR}`]);
    assert.equal(obj(obj(service(name).depends_on).postgres).condition, "service_healthy");
    assert.equal(service(name).init, true, "an init reaps children and forwards SIGTERM");
  }
  const pg = obj(service("postgres").environment);
  assert.equal(pg.POSTGRES_USER, "portbot");
  assert.equal(pg.POSTGRES_DB, "portbot");
});

test("every variable compose.yaml reads is documented in .env.example", () => {
  const documented = Object.keys(parseEnv(read(".env.example")));
  const used = [...composeText.matchAll(/\$\{([A-Z_][A-Z0-9_]*)/g)].map((m) => m[1] ?? "");
  for (const name of new Set(used)) assert.ok(documented.includes(name), name);
});
