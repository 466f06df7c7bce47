// `npm run build` (and `prepare`) step after tsc: the name-search index for the default data, into
// dist/core/search-index.json next to the compiled search module (src/core/search-prebuilt.ts).
import { join } from "node:path";
import { writePrebuiltIndex } from "../src/core/search-prebuilt.ts";

const path = join(import.meta.dirname, "../dist/core/search-index.json");
const started = performance.now();
const { docs } = writePrebuiltIndex(path);
console.log(
  `search index: ${docs} documents → ${path} (${Math.round(performance.now() - started)} ms)`,
);
