// House rules that a reader relies on, checked on every file in src/: no function longer than
// about a screen, and the core never importing an adapter (arrows point adapters → kit → core).
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import ts from "typescript";

const SRC = new URL("../src/", import.meta.url).pathname;
const MAX_FUNCTION_LINES = 80;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(join(dir, e.name))
      : e.name.endsWith(".ts")
        ? [join(dir, e.name)]
        : [],
  );
}

function longFunctions(path: string): string[] {
  const text = readFileSync(path, "utf8");
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body !== undefined) {
      const start = file.getLineAndCharacterOfPosition(node.getStart()).line;
      const end = file.getLineAndCharacterOfPosition(node.getEnd()).line;
      if (end - start + 1 > MAX_FUNCTION_LINES) {
        const name = (node as ts.FunctionLikeDeclaration).name?.getText() ?? "(anonymous)";
        found.push(`${relative(SRC, path)}:${start + 1} ${name} is ${end - start + 1} lines`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

test(`no function in src/ is longer than ${MAX_FUNCTION_LINES} lines`, () => {
  assert.deepEqual(sourceFiles(SRC).flatMap(longFunctions), []);
});

test("the core imports no adapter, store or platform library", () => {
  const offending = sourceFiles(join(SRC, "core")).filter((path) =>
    /from "(\.\.\/)+(adapters|feedback)\/|from "(@slack|discord\.js)/.test(
      readFileSync(path, "utf8"),
    ),
  );
  assert.deepEqual(
    offending.map((p) => relative(SRC, p)),
    [],
  );
});
