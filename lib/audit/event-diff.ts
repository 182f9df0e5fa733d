// Pure: what a change did, for people — each field of an event's before and after that differs,
// by its path ("rules.2.limit"), from microdiff's deep comparison.
import diff from "microdiff";

export interface FieldChange {
  path: string;
  kind: "added" | "removed" | "changed";
  before: unknown;
  after: unknown;
}

const asObject = (v: unknown): Record<string, unknown> =>
  v && typeof v === "object" ? (v as Record<string, unknown>) : v === null || v === undefined ? {} : { value: v };

export function eventChanges(before: unknown, after: unknown): FieldChange[] {
  if ((before === null || before === undefined) && (after === null || after === undefined)) return [];
  return diff(asObject(before), asObject(after)).map((d) => ({
    path: d.path.join("."),
    kind: d.type === "CREATE" ? "added" : d.type === "REMOVE" ? "removed" : "changed",
    before: "oldValue" in d ? d.oldValue : undefined,
    after: "value" in d ? d.value : undefined,
  }));
}

/** A value as one short line: strings as they are, the rest as JSON. */
export function valueText(value: unknown, max = 160): string {
  if (value === undefined) return "—";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
