// How the benchmarks print: fixed-width tables and one line per target, with the figure, the
// target next to it and whether it was met.

export const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "—";

/** Rows of cells, the first row the header; the first column is left-aligned, the others right. */
export function table(rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map(String));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  return cells
    .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("   "))
    .join("\n");
}

export interface Verdict {
  what: string;
  figure: string;
  target: string;
  met: boolean;
}

export function verdict(what: string, value: number, op: "≤" | "≥", limit: number, unit = "", digits = 1): Verdict {
  const met = Number.isFinite(value) && (op === "≤" ? value <= limit : value >= limit);
  return { what, figure: `${fmt(value, digits)}${unit}`, target: `${op} ${fmt(limit, digits)}${unit}`, met };
}

export function check(what: string, figure: string, target: string, met: boolean): Verdict {
  return { what, figure, target, met };
}

export function printVerdicts(title: string, verdicts: Verdict[]) {
  console.log(`\n${title}`);
  console.log(
    table([
      ["", "figure", "target", "result"],
      ...verdicts.map((v) => [v.what, v.figure, v.target, v.met ? "met" : "NOT MET"]),
    ]),
  );
}
