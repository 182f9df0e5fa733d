// Budgets as admins write them: on a workspace, an agent or a model, a limit in USD over a
// period in a time zone, alert thresholds, and what happens at 100 %. Every change is audited in
// its transaction; every instance's monitor picks it up within a second (budget-monitor.ts).
import "server-only";
import { z } from "zod";
import Decimal from "decimal.js";
import { db, type Tx } from "../db";
import { appendAuditEvent, type Actor } from "../audit";
import { Invalid, NotFound } from "../errors";
import { ACTIONS } from "../policy/schema";
import { isTimeZone } from "./ranges";
import { MAX_ROLLING_DAYS } from "./periods";
import { refreshBudgets } from "./budget-monitor";

export const DEFAULT_THRESHOLDS = [50, 80, 100];
export const DEFAULT_SPEND_ACTIONS = ["purchase", "pay", "refund"] as const;

const money = z
  .string()
  .trim()
  .regex(/^\d{1,12}(\.\d{1,6})?$/, "Give the limit in dollars, e.g. 250 or 99.50.")
  .refine((v) => new Decimal(v).gt(0), "The limit must be more than $0.");

export const budgetInputSchema = z
  .object({
    name: z.string().trim().min(1, "Name the budget.").max(100),
    agentId: z.string().trim().max(64).nullish(),
    model: z.string().trim().max(200).nullish(),
    period: z.enum(["DAILY", "WEEKLY", "MONTHLY", "ROLLING"]),
    rollingDays: z.coerce.number().int().min(1).max(MAX_ROLLING_DAYS).nullish(),
    timeZone: z.string().trim().refine(isTimeZone, "Choose a time zone from the list (an IANA name)."),
    limitUsd: money,
    thresholds: z
      .array(z.coerce.number().int().min(1, "Thresholds are percentages from 1.").max(1000))
      .max(10)
      .default(DEFAULT_THRESHOLDS),
    action: z.enum(["ALERT", "HOLD", "STOP"]),
    suspendAgent: z.boolean().default(false),
    spendActions: z
      .array(z.enum(ACTIONS))
      .max(ACTIONS.length)
      .default([...DEFAULT_SPEND_ACTIONS]),
  })
  .transform((v) => ({
    ...v,
    agentId: v.agentId || null,
    model: v.model || null,
    rollingDays: v.period === "ROLLING" ? (v.rollingDays ?? 30) : null,
    thresholds: [...new Set(v.thresholds)].sort((a, b) => a - b),
    spendActions: [...new Set(v.spendActions)].sort(),
    suspendAgent: v.action === "STOP" && Boolean(v.agentId) && v.suspendAgent,
  }));

export type BudgetInput = z.input<typeof budgetInputSchema>;

/** Refuses an agent of another workspace (or none), inside the caller's transaction. */
export async function assertAgentIn(tx: Tx, workspaceId: string, agentId: string | null) {
  if (!agentId) return;
  const agent = await tx.agent.findFirst({ where: { id: agentId, workspaceId }, select: { id: true } });
  if (!agent) throw new Invalid("That agent is not in this workspace.");
}

function parse(input: unknown) {
  const parsed = budgetInputSchema.safeParse(input);
  if (!parsed.success) throw new Invalid(parsed.error.issues[0]!.message);
  return parsed.data;
}

type Parsed = ReturnType<typeof parse>;

/** What the audit trail keeps of a budget. */
const snapshot = (b: Parsed & { limitUsd: string | Decimal }) => ({
  name: b.name,
  agentId: b.agentId,
  model: b.model,
  period: b.period,
  rollingDays: b.rollingDays,
  timeZone: b.timeZone,
  limitUsd: new Decimal(b.limitUsd.toString()).toFixed(),
  thresholds: b.thresholds,
  action: b.action,
  suspendAgent: b.suspendAgent,
  spendActions: b.spendActions,
});

export async function createBudget({
  workspaceId,
  input,
  actor,
  createdById,
}: {
  workspaceId: string;
  input: unknown;
  actor: Actor;
  createdById: string | null;
}) {
  const data = parse(input);
  const budget = await db().$transaction(async (tx) => {
    await assertAgentIn(tx, workspaceId, data.agentId);
    const budget = await tx.budget.create({ data: { ...data, workspaceId, createdById } });
    await appendAuditEvent(tx, {
      workspaceId,
      actor,
      action: "budget.created",
      target: { type: "budget", id: budget.id },
      after: snapshot(data),
    });
    return budget;
  });
  await refreshBudgets();
  return budget;
}

export async function updateBudget({
  workspaceId,
  budgetId,
  input,
  actor,
}: {
  workspaceId: string;
  budgetId: string;
  input: unknown;
  actor: Actor;
}) {
  const data = parse(input);
  const budget = await db().$transaction(async (tx) => {
    const before = await tx.budget.findFirst({ where: { id: budgetId, workspaceId } });
    if (!before) throw new NotFound("Budget not found.");
    await assertAgentIn(tx, workspaceId, data.agentId);
    const budget = await tx.budget.update({ where: { id: before.id }, data });
    await appendAuditEvent(tx, {
      workspaceId,
      actor,
      action: "budget.updated",
      target: { type: "budget", id: budget.id },
      before: snapshot({ ...before, limitUsd: before.limitUsd.toString() } as Parsed),
      after: snapshot(data),
    });
    return budget;
  });
  await refreshBudgets();
  return budget;
}

export async function deleteBudget({
  workspaceId,
  budgetId,
  actor,
}: {
  workspaceId: string;
  budgetId: string;
  actor: Actor;
}) {
  await db().$transaction(async (tx) => {
    const before = await tx.budget.findFirst({ where: { id: budgetId, workspaceId } });
    if (!before) throw new NotFound("Budget not found.");
    await tx.budget.delete({ where: { id: before.id } });
    await appendAuditEvent(tx, {
      workspaceId,
      actor,
      action: "budget.deleted",
      target: { type: "budget", id: before.id },
      before: snapshot({ ...before, limitUsd: before.limitUsd.toString() } as Parsed),
    });
  });
  await refreshBudgets();
}

/** One budget of the workspace, as stored (the form's values), or NotFound. */
export async function getBudget({ workspaceId, budgetId }: { workspaceId: string; budgetId: string }) {
  const budget = await db().budget.findFirst({
    where: { id: budgetId, workspaceId },
    include: { periods: { orderBy: { periodStart: "desc" }, take: 24 } },
  });
  if (!budget) throw new NotFound("Budget not found.");
  return budget;
}

/** The agents a budget can name, by name. */
export async function budgetAgents(workspaceId: string) {
  return db().agent.findMany({ where: { workspaceId }, select: { id: true, name: true }, orderBy: { name: "asc" } });
}
