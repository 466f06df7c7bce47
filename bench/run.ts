// `npm run bench`: runs every bench/*.bench.ts (or those named: `npm run bench -- core slack`).
import { readdirSync } from "node:fs";

const only = process.argv.slice(2);
const files = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.bench\.ts$/, "")))
  .sort();

for (const file of files) {
  console.log(`\n## ${file.replace(/\.bench\.ts$/, "")}`);
  const mod = (await import(new URL(file, import.meta.url).href)) as { run: () => Promise<void> };
  await mod.run();
}
