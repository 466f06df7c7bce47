// Rows of the notes table (the same columns on SQLite and PostgreSQL) → NoteRecord.
import { PROTOCOLS, type Protocol } from "../core/types.ts";
import type { NoteRecord } from "./types.ts";

/** Times are epoch ms on SQLite and timestamptz (a Date) on PostgreSQL. */
export interface NoteRow {
  id: number | string;
  first_port: number;
  last_port: number;
  protocol: string | null;
  text: string;
  author: string;
  author_name: string | null;
  created_at: number | Date;
  removed_by: string | null;
  removed_at: number | Date | null;
}

const asDate = (v: number | Date): Date => (v instanceof Date ? v : new Date(Number(v)));

function protocolOf(value: string | null): Protocol | null {
  return PROTOCOLS.find((p) => p === value) ?? null;
}

export function noteFromRow(row: NoteRow): NoteRecord {
  return {
    id: Number(row.id),
    first: Number(row.first_port),
    last: Number(row.last_port),
    protocol: protocolOf(row.protocol),
    text: row.text,
    author: row.author,
    authorName: row.author_name,
    at: asDate(row.created_at),
    removedBy: row.removed_by,
    removedAt: row.removed_at === null ? null : asDate(row.removed_at),
  };
}
