/** The badge tone of a risk tier. */
export function riskTone(risk: string): "slate" | "amber" | "red" {
  return risk === "CRITICAL" || risk === "HIGH" ? "red" : risk === "MEDIUM" ? "amber" : "slate";
}
