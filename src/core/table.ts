// A Table laid out as monospace lines, the same on every platform: each column as wide as its
// widest cell (at most its limit, longer cells cut with "…"), two spaces between columns.
import type { Table } from "./reply-model.ts";

function fit(cell: string, width: number): string {
  const flat = cell.replace(/\s+/g, " ").trim();
  const chars = [...flat];
  return chars.length > width ? `${chars.slice(0, Math.max(0, width - 1)).join("")}…` : flat;
}

/** The header line, then one line per row; trailing spaces dropped. */
export function tableLines(table: Table): string[] {
  const cells = [table.columns, ...table.rows].map((row) =>
    table.columns.map((_, i) => fit(row[i] ?? "", table.widths[i] ?? 20)),
  );
  const widths = table.columns.map((_, i) =>
    Math.max(...cells.map((row) => [...(row[i] ?? "")].length)),
  );
  return cells.map((row) =>
    row
      .map((cell, i) => cell + " ".repeat((widths[i] ?? 0) - [...cell].length))
      .join("  ")
      .trimEnd(),
  );
}
