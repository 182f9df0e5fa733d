// Every piece of background work the server runs, in one list.
import "server-only";
import { escalateDueApprovals, expireDueApprovals } from "../approvals/expire-approvals";
import { deliverDue } from "../outbox/deliver";
import { refreshBudgets } from "../cost/budget-monitor";
import { rollOverBudgets } from "../cost/roll-over";
import { refreshBreakers } from "../cost/breakers";
import { checkpointDueChains } from "../audit/checkpoints";
import { startJobs, type Job } from "./scheduler";

export const BACKGROUND_JOBS: Job[] = [
  { name: "approvals:expire", everyMs: 1000, run: expireDueApprovals },
  { name: "approvals:escalate", everyMs: 5000, run: escalateDueApprovals },
  { name: "outbox", everyMs: 2000, run: () => deliverDue() },
  // Every instance keeps its own copy of the budgets' state for decisions.
  { name: "budgets", everyMs: 1000, run: () => refreshBudgets() },
  { name: "budgets:roll-over", everyMs: 60_000, run: () => rollOverBudgets() },
  { name: "breakers", everyMs: 1000, run: () => refreshBreakers() },
  // Verifies what each audit chain gained and signs a checkpoint when N events or M minutes are due.
  { name: "audit:checkpoints", everyMs: 5000, run: () => checkpointDueChains() },
];

export function startBackgroundJobs() {
  startJobs(BACKGROUND_JOBS);
}
