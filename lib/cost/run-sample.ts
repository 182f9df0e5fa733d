/** Cost per run reads at most this many of a range's latest runs (lib/cost/trace-costs.ts). */
export const RUN_SAMPLE = 20_000;
