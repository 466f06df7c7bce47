// `node --import` this file to run portbot as on a Node without `import.meta.main` (before 22.18 /
// 24.2): in the project's own modules the expression reads as undefined.
import { registerHooks } from "node:module";

registerHooks({
  load(url, context, nextLoad) {
    const result = nextLoad(url, context);
    if (!url.startsWith("file:") || url.includes("/node_modules/") || result.source == null) {
      return result;
    }
    const source = String(result.source);
    return { ...result, source: source.replaceAll("import.meta.main", "undefined") };
  },
});
