// Just enough YAML for manifests/slack-app.yaml (no YAML package in the project): block mappings,
// block sequences of scalars or mappings, plain / single- / double-quoted scalars, comments.
export type Yaml = string | boolean | number | null | Yaml[] | { [key: string]: Yaml };

interface Row {
  indent: number;
  text: string;
}

function scalar(raw: string): Yaml {
  const v = raw.trim();
  if (v.startsWith('"')) return JSON.parse(v) as string;
  if (v.startsWith("'")) return v.slice(1, -1).replace(/''/g, "'");
  if (v === "true") return true;
  if (v === "false") return false;
  if (v === "" || v === "null" || v === "~") return null;
  if (/^-?\d+(\.\d+)?$/.test(v)) return Number(v);
  return v;
}

function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "#" && (i === 0 || line[i - 1] === " ")) return line.slice(0, i);
  }
  return line;
}

export function parseYamlSubset(source: string): Yaml {
  const rows: Row[] = [];
  for (const line of source.split(/\r?\n/)) {
    const text = stripComment(line).trimEnd();
    if (text.trim() === "") continue;
    rows.push({ indent: text.length - text.trimStart().length, text: text.trim() });
  }
  let i = 0;
  function block(indent: number): Yaml {
    const first = rows[i];
    if (first === undefined || first.indent < indent) return null;
    if (first.text.startsWith("- ") || first.text === "-") {
      const list: Yaml[] = [];
      while (
        rows[i] !== undefined &&
        rows[i]?.indent === first.indent &&
        rows[i]?.text.startsWith("-")
      ) {
        const row = rows[i] as Row;
        const rest = row.text.slice(1).trimStart();
        if (/^[^"'][^:]*:( |$)/.test(rest)) {
          // A mapping item: rewrite "- key: v" as "key: v" at the item's inner indent.
          const inner = row.indent + (row.text.length - rest.length);
          rows[i] = { indent: inner, text: rest };
          list.push(block(inner));
        } else {
          i++;
          list.push(scalar(rest));
        }
      }
      return list;
    }
    const map: { [key: string]: Yaml } = {};
    while (
      rows[i] !== undefined &&
      rows[i]?.indent === first.indent &&
      !rows[i]?.text.startsWith("- ")
    ) {
      const row = rows[i] as Row;
      const colon = row.text.indexOf(":");
      if (colon === -1) throw new Error(`yaml-subset: expected "key: value" in ${row.text}`);
      const key = row.text.slice(0, colon).trim();
      const rest = row.text.slice(colon + 1).trim();
      i++;
      if (rest !== "") map[key] = scalar(rest);
      else {
        const next = rows[i];
        map[key] = next !== undefined && next.indent > row.indent ? block(next.indent) : null;
      }
    }
    return map;
  }
  return block(0);
}
