/** Cost per run reads at most this many of each workspace's latest runs in a range (lib/cost/trace-costs.ts). */
export const RUN_SAMPLE = 5_000;
