// `portbot`: answer a query, or run a subcommand. Subcommands load lazily so that the common case,
// `portbot 5432`, starts without pulling in the chat libraries, the database drivers or zod.
import type { Answer } from "../core/answer-model.ts";
import { type CliIo, processIo, type Subcommand } from "./io.ts";

// Builtins through process.getBuiltinModule, not an ESM import: cold start (bin/portbot.js).
const { parseArgs } = process.getBuiltinModule("node:util");

export const USAGE = `Usage:
  portbot <query> [--full] [--json]       explain a port, range or service (e.g. 60876, 53/udp, 6000-6063, postgres)
  ss -ltnp | portbot [--json]             explain a socket listing (ss, netstat, lsof, Get-NetTCPConnection, docker ps)
  portbot data update [--from URL|FILE]   download IANA's full registry (or read it from a file)
  portbot data status                     which registry data is in use
  portbot stats [--json] [--since 7d]     how helpful the answers have been
  portbot notes import|export FILE.csv    a team's notes in CSV (portbot notes --help)
  portbot discord register [--guild ID]   publish the Discord slash commands
  portbot serve                           run the bot on every platform configured (exit 2 when none is)
  portbot shell                           the bot in this terminal
  portbot config check                    check the configuration without connecting (exit 0 or 2)
  portbot help                            this text (also --help, -h); portbot stats --help for its options

A query is what you would ask in chat: a port (5432, 53/udp), several (22 80 443), a range
(6000-6063), an address as ss or netstat print it ([::]:22, 0.0.0.0:5432), or a service name,
typos and all (postgress).

Options:
  --full         the whole answer: every use with its source, every check, IANA's record,
                 ephemeral ranges per system, links (default: the few lines that matter)
  --json         one JSON object on stdout: every fact, the ranking and the compact summary
                 (see README)
  --no-color     no colour even on a terminal (NO_COLOR=1 does the same)
  -h, --help     this text
  -v, --version  the version

Every command reads the environment and a .env file in the working directory (see .env.example).
Exit status: 0 answered, 1 understood but nothing matched, 2 invalid input or usage.
`;

const SUBCOMMANDS: Record<string, () => Promise<Subcommand>> = {
  data: async () => (await import("./data.ts")).runData,
  stats: async () => (await import("./stats.ts")).runStats,
  notes: async () => (await import("./notes.ts")).runNotes,
  discord: async () => {
    const { runDiscordRegister } = await import("./discord-register.ts");
    return async (args, io) => {
      if (args[0] !== "register") {
        io.stderr(`portbot discord: unknown command “${args[0] ?? ""}”.\n\n${USAGE}`);
        return 2;
      }
      return runDiscordRegister(args.slice(1), io);
    };
  },
  config: async () => (await import("./config-check.ts")).runConfig,
  serve: async () =>
    noArgs("serve", async (io) => (await import("../main.ts")).serve(io.env, "serve")),
  shell: async () =>
    noArgs("shell", async (io) => (await import("../main.ts")).serve(io.env, "shell")),
};

/** A subcommand that takes no arguments. */
function noArgs(name: string, run: (io: CliIo) => Promise<number>): Subcommand {
  return async (args, io) => {
    if (args.length > 0) {
      io.stderr(`portbot ${name}: unexpected argument “${args[0]}”.\n\n${USAGE}`);
      return 2;
    }
    return run(io);
  };
}

export function exitStatus(answer: Answer): number {
  if (answer.kind === "error") return 2;
  if (answer.kind === "none") return 1;
  return 0;
}

/**
 * `portbot --json` output: the answer itself (query, ports, and error when there is one), each
 * port with the compact answer's summary.
 */
export async function answerJson(answer: Answer): Promise<string> {
  const { answerWithSummaries } = await import("../core/compact.ts");
  return `${JSON.stringify(answerWithSummaries(answer))}\n`;
}

async function lookup(args: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parseQueryArgs>;
  try {
    parsed = parseQueryArgs(args);
  } catch (err) {
    io.stderr(`portbot: ${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help === true) {
    io.stdout(USAGE);
    return 0;
  }
  if (parsed.values.version === true) {
    const { createRequire } = await import("node:module");
    const pkg = createRequire(import.meta.url)("../../package.json") as { version: string };
    io.stdout(`${pkg.version}\n`);
    return 0;
  }
  let query = parsed.positionals.join(" ");
  // `ss -ltnp | portbot` and `portbot -`: the question (a listing, usually) is piped in.
  if ((parsed.positionals.length === 0 && !io.stdinIsTTY) || query === "-") {
    query = await io.readStdin();
  }
  if (query.trim() === "" && parsed.values.json !== true) {
    io.stderr(USAGE);
    return 2;
  }
  // `portbot help` asks for this command's usage, not the chat help (`--json` keeps the answer).
  const { parseQuery } = await import("../core/query.ts");
  if (parsed.values.json !== true && parseQuery(query).kind === "help") {
    io.stdout(USAGE);
    return 0;
  }
  // `portbot 60876 full`, as in the shell, is `--full`.
  const { withDetail } = await import("../adapters/shell/detail.ts");
  const asked = withDetail(query);
  const { loadPortbot } = await import("../core/portbot.ts");
  const { dataDirFrom } = await import("../paths.ts");
  const portbot = loadPortbot({ dataDir: dataDirFrom(io.env) });
  const color = io.isTTY && parsed.values["no-color"] !== true && !io.env.NO_COLOR;
  // A pasted socket listing is answered as one table, as in chat.
  if (/\n/.test(query.trim())) {
    const { answerListingCli } = await import("./listing.ts");
    const json = parsed.values.json === true;
    if (await answerListingCli(portbot, query, { json, color }, io)) return 0;
  }
  const answer = portbot.answer(asked.text);
  if (parsed.values.json === true) {
    io.stdout(await answerJson(answer));
    return exitStatus(answer);
  }
  const { answerReply } = await import("../core/reply.ts");
  const { terminalText } = await import("./render.ts");
  const detail = parsed.values.full === true ? "full" : asked.detail;
  const out = await terminalText(answerReply(answer, null, detail), color, io);
  if (answer.kind === "error" || answer.kind === "none") io.stderr(out);
  else io.stdout(out);
  return exitStatus(answer);
}

function parseQueryArgs(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: "boolean" },
      full: { type: "boolean" },
      "no-color": { type: "boolean" },
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "v" },
    },
  });
}

export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const first = argv[0];
  const sub = first === undefined ? undefined : SUBCOMMANDS[first];
  if (sub !== undefined) return (await sub())(argv.slice(1), io);
  // A negative number is a query (`portbot -1`), not an option.
  const args = argv.map((a) => (/^-\d/.test(a) ? ` ${a}` : a));
  return lookup(args, io);
}
