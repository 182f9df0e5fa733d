// The one way to build a multi-row INSERT: each column is named once, next to its cast and how its
// value is read from a row, so a column added in one place cannot drift out of step with others.

export type Columns<R> = Record<string, { cast?: string; value: (row: R) => unknown }>;

/** `INSERT INTO "table" ("a", "b") VALUES ($1, $2::jsonb), (…)` and its parameters. */
export function insertRows<R>(
  table: string,
  columns: Columns<R>,
  rows: R[],
  options: {
    /** Appends to these parameters (one statement of several parts). */
    params?: unknown[];
    /** Inserts only when this CTE of the same statement has a row. */
    onlyIf?: string;
  } = {},
): { text: string; params: unknown[] } {
  const names = Object.keys(columns);
  const params = options.params ?? [];
  const tuples = rows.map(
    (row) =>
      `(${names
        .map((name) => {
          const column = columns[name]!;
          params.push(column.value(row));
          return `$${params.length}${column.cast ?? ""}`;
        })
        .join(", ")})`,
  );
  const into = `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(", ")})`;
  return {
    text: options.onlyIf
      ? `${into} SELECT v.* FROM (VALUES ${tuples.join(", ")}) AS v WHERE EXISTS (SELECT 1 FROM ${options.onlyIf})`
      : `${into} VALUES ${tuples.join(", ")}`,
    params,
  };
}
