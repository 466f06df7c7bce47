// A Dockerfile replayed without Docker: each stage gets a directory standing for its filesystem
// root; COPY copies exactly the files it names (from the build context, less .dockerignore, or
// from an earlier stage); RUN runs the same command in the stage's WORKDIR with its ENV. Only RUN
// commands this file knows are replayed (npm ci, npm run build) or emulated (creating the data
// directory); any other RUN fails loudly rather than running on this machine.
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { basename, delimiter, dirname, join, matchesGlob, normalize, relative } from "node:path";

export interface Instruction {
  keyword: string;
  args: string;
  /** 1-based line where the instruction starts. */
  line: number;
}

export interface Stage {
  name: string;
  base: string;
  /** The directory that stands for this stage's `/`. */
  root: string;
  workdir: string;
  env: Record<string, string>;
  user: string;
  volumes: string[];
  expose: number[];
  cmd: string[] | null;
  healthcheck: { options: string; cmd: string[] } | null;
}

/** Instructions, with comments and blank lines dropped and `\` continuations joined. */
export function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  let pending: string | null = null;
  let start = 0;
  for (const [i, raw] of text.split("\n").entries()) {
    const line = raw.trimEnd();
    if (line.trimStart().startsWith("#") || (pending === null && line.trim() === "")) continue;
    if (pending === null) start = i + 1;
    const joined: string = `${pending ?? ""}${line.endsWith("\\") ? line.slice(0, -1) : line}`;
    if (line.endsWith("\\")) {
      pending = `${joined} `;
      continue;
    }
    pending = null;
    const m = /^(\w+)\s+([\s\S]*)$/.exec(joined.trim());
    if (m === null) throw new Error(`Dockerfile:${start}: cannot read "${joined.trim()}"`);
    out.push({ keyword: (m[1] ?? "").toUpperCase(), args: (m[2] ?? "").trim(), line: start });
  }
  return out;
}

/**
 * The final stage's ENV and CMD, read without replaying anything: what a container of the image
 * runs with (the production bench starts the bot the same way).
 */
export function imageSettings(text: string): { env: Record<string, string>; cmd: string[] } {
  let env: Record<string, string> = {};
  let cmd: string[] = [];
  for (const ins of parseDockerfile(text)) {
    if (ins.keyword === "FROM") [env, cmd] = [{}, []];
    else if (ins.keyword === "ENV") Object.assign(env, Object.fromEntries(envPairs(ins.args)));
    else if (ins.keyword === "CMD") cmd = execForm(ins.args) ?? ["/bin/sh", "-c", ins.args];
  }
  return { env, cmd };
}

/** .dockerignore's rules, last match wins (`!` re-includes), matched on the path or a parent. */
export function dockerignore(text: string): (rel: string) => boolean {
  const rules = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((l) => ({ negate: l.startsWith("!"), pattern: normalize(l.replace(/^!/, "")) }));
  return (rel) => {
    const parts = normalize(rel).split("/");
    const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
    let ignored = false;
    for (const { negate, pattern } of rules) {
      if (prefixes.some((p) => matchesGlob(p, pattern))) ignored = !negate;
    }
    return ignored;
  };
}

const execForm = (args: string): string[] | null =>
  args.startsWith("[") ? (JSON.parse(args) as string[]) : null;

/** `--flag=value` options in front of an instruction's arguments, and the rest. */
function flags(args: string): { flags: Record<string, string>; rest: string } {
  const found: Record<string, string> = {};
  let rest = args;
  for (
    let m = /^--([\w-]+)(?:=(\S+))?\s+/.exec(rest);
    m;
    m = /^--([\w-]+)(?:=(\S+))?\s+/.exec(rest)
  ) {
    found[m[1] ?? ""] = m[2] ?? "true";
    rest = rest.slice(m[0].length);
  }
  return { flags: found, rest };
}

/** `ENV a=1 b=2` (or the old `ENV a 1`). */
function envPairs(args: string): [string, string][] {
  if (!/^\S+=/.test(args)) {
    const [name, ...value] = args.split(/\s+/);
    return [[name ?? "", value.join(" ")]];
  }
  return args.split(/\s+/).map((pair) => {
    const eq = pair.indexOf("=");
    return [pair.slice(0, eq), pair.slice(eq + 1).replace(/^"(.*)"$/, "$1")];
  });
}

export interface ReplayOptions {
  context: string;
  /** Where the stages' directories go. */
  into: string;
  /** Called before each RUN (progress, timing). */
  onRun?: (stage: string, command: string) => void;
}

/** RUN commands that build the image's files: replayed as they are. */
const REPLAYED = [/^npm ci(?: --[\w-]+(?:=\S+)?)*$/, /^npm run build$/];
/** RUN commands that set the image's system up: emulated inside the stage's root. */
const EMULATED: Record<string, (stage: Stage) => void> = {
  "mkdir -p /data && chown node:node /data": (stage) =>
    mkdirSync(join(stage.root, "data"), { recursive: true }),
};

/** Replays every stage in order; returns them, the final stage last. */
export async function replayDockerfile(text: string, options: ReplayOptions): Promise<Stage[]> {
  const ignored = dockerignore(readFileSync(join(options.context, ".dockerignore"), "utf8"));
  const stages: Stage[] = [];
  for (const ins of parseDockerfile(text)) {
    const where = `Dockerfile:${ins.line} ${ins.keyword}`;
    if (ins.keyword === "FROM") {
      stages.push(newStage(ins.args, stages.length, options.into));
      continue;
    }
    const stage = stages.at(-1);
    if (stage === undefined) throw new Error(`${where}: before any FROM`);
    if (ins.keyword === "COPY") copy(ins.args, stage, stages, options.context, ignored, where);
    else if (ins.keyword === "RUN") await run(ins.args, stage, where, options);
    else record(ins, stage, where);
  }
  return stages;
}

function newStage(args: string, index: number, into: string): Stage {
  const [base = "", as, name] = args.split(/\s+/);
  const stageName = as?.toUpperCase() === "AS" && name !== undefined ? name : String(index);
  const root = join(into, stageName);
  mkdirSync(root, { recursive: true });
  return {
    name: stageName,
    base,
    root,
    workdir: "/",
    env: {},
    user: "root",
    volumes: [],
    expose: [],
    cmd: null,
    healthcheck: null,
  };
}

/** WORKDIR, ENV, USER, VOLUME, EXPOSE, CMD, HEALTHCHECK and the instructions with no effect here. */
function record(ins: Instruction, stage: Stage, where: string): void {
  switch (ins.keyword) {
    case "WORKDIR":
      stage.workdir = normalize(
        ins.args.startsWith("/") ? ins.args : join(stage.workdir, ins.args),
      );
      mkdirSync(join(stage.root, stage.workdir), { recursive: true });
      return;
    case "ENV":
      for (const [k, v] of envPairs(ins.args)) stage.env[k] = v;
      return;
    case "USER":
      stage.user = ins.args;
      return;
    case "VOLUME":
      stage.volumes.push(...(execForm(ins.args) ?? ins.args.split(/\s+/)));
      return;
    case "EXPOSE":
      stage.expose.push(...ins.args.split(/\s+/).map((p) => Number.parseInt(p, 10)));
      return;
    case "CMD":
      stage.cmd = execForm(ins.args) ?? ["/bin/sh", "-c", ins.args];
      return;
    case "HEALTHCHECK": {
      const at = ins.args.indexOf("CMD ");
      const cmd = ins.args.slice(at + 4).trim();
      stage.healthcheck = {
        options: ins.args.slice(0, at).trim(),
        cmd: execForm(cmd) ?? ["/bin/sh", "-c", cmd],
      };
      return;
    }
    case "STOPSIGNAL":
    case "LABEL":
    case "ARG":
      return;
    default:
      throw new Error(`${where}: not replayed; teach test/support/dockerfile.ts what it does`);
  }
}

/** The stage's path for `path` (absolute, or relative to WORKDIR). */
function inStage(stage: Stage, path: string): string {
  return join(stage.root, path.startsWith("/") ? path : join(stage.workdir, path));
}

function copy(
  args: string,
  stage: Stage,
  stages: readonly Stage[],
  context: string,
  ignored: (rel: string) => boolean,
  where: string,
): void {
  const { flags: f, rest } = flags(args);
  const parts = execForm(rest) ?? rest.split(/\s+/);
  const dest = parts.pop() ?? "";
  const into = dest.endsWith("/") || parts.length > 1;
  const to = inStage(stage, dest);
  for (const src of parts) {
    let from: string;
    let filter: ((source: string) => boolean) | undefined;
    if (f.from !== undefined) {
      const other = stages.find((s) => s.name === f.from);
      if (other === undefined) throw new Error(`${where}: no stage ${f.from} before this one`);
      from = inStage(other, src);
    } else {
      const rel = normalize(src).replace(/\/$/, "");
      if (rel.startsWith("..") || ignored(rel)) {
        throw new Error(`${where} ${src}: outside the context or excluded by .dockerignore`);
      }
      from = join(context, rel);
      filter = (source) => !ignored(relative(context, source));
    }
    if (!existsSync(from)) throw new Error(`${where} ${src}: not found`);
    const target = statSync(from).isDirectory() || !into ? to : join(to, basename(from));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(from, target, { recursive: true, verbatimSymlinks: true, filter });
  }
}

/** The stage's ENV with absolute paths moved into its root (PORTBOT_DATA_DIR=/data). */
export function stageEnv(stage: Stage): Record<string, string> {
  return Object.fromEntries(
    Object.entries(stage.env).map(([k, v]) => [k, v.startsWith("/") ? join(stage.root, v) : v]),
  );
}

const NPM_NETWORK =
  /^(npm_config_(globalconfig|userconfig|cafile|ca|registry|proxy|https_proxy|noproxy|strict_ssl)|https?_proxy|no_proxy|NODE_EXTRA_CA_CERTS)$/i;

function npmNetworkEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter(
      (e): e is [string, string] => NPM_NETWORK.test(e[0]) && e[1] !== undefined,
    ),
  );
}

async function run(command: string, stage: Stage, where: string, options: ReplayOptions) {
  const emulate = EMULATED[command];
  if (emulate !== undefined) {
    emulate(stage);
    return;
  }
  if (!REPLAYED.some((re) => re.test(command))) {
    throw new Error(`${where} ${command}: not replayed; teach test/support/dockerfile.ts about it`);
  }
  options.onRun?.(stage.name, command);
  const env = {
    ...stageEnv(stage),
    // The image's Node is 24, like this one; npm installs from its cache, as offline as it can.
    PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ""}`,
    HOME: process.env.HOME ?? homedir(),
    npm_config_cache: process.env.npm_config_cache ?? join(homedir(), ".npm"),
    npm_config_prefer_offline: "true",
    npm_config_update_notifier: "false",
    // npm finds its global config next to the node that runs it, which here is the project's Node
    // 24, not the one npm was installed with: carry the outer npm's registry, CA and proxy settings
    // over, or a package missing from the cache fails (a self-signed certificate in the chain).
    ...npmNetworkEnv(process.env),
  };
  const child = spawn("/bin/sh", ["-c", command], {
    cwd: inStage(stage, "."),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => {
    output += String(d);
  });
  child.stderr.on("data", (d) => {
    output += String(d);
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`${where} ${command} (stage ${stage.name}) failed:\n${output}`);
}
