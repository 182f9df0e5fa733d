// The trace list's time ranges and their labels: shared by the filters (a client component) and
// the server-rendered page, which cannot read constants out of a client module.
export const RANGES = {
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  all: "All time",
  custom: "Custom range",
} as const;
