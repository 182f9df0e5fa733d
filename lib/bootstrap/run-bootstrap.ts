import "server-only";
import { db } from "../db";
import { demoEnabled, type Env } from "../env";
import { systemActor } from "../audit";
import { createWorkspace } from "../workspaces";
import { ensureFirstAdmin } from "./first-admin";
import { ensureInitWorkspace } from "./init-workspace";
import { seedDemo } from "./seed-demo";
import { seedDemoTraffic } from "../simulator/seed-traffic";
import { seedDemoDecisions } from "../simulator/seed-decisions";
import { seedDemoBudgets } from "./seed-demo-budgets";

export interface BootstrapReport {
  /** Passwords Arbiter generated, to print once. */
  credentials: { email: string; role: string; password: string }[];
  seededDemo: boolean;
  /** Simulated runs ingested into the demo workspaces. */
  demoTraces: number;
  demoDecisions: number;
  createdDefaultWorkspace: boolean;
  initialised: boolean;
}

/**
 * Everything a start does after migrating, idempotently: the first admin, the demo
 * organisation (fresh embedded databases), a first workspace otherwise, and headless init.
 */
export async function runBootstrap({ env }: { env: Env }): Promise<BootstrapReport> {
  const report: BootstrapReport = {
    credentials: [],
    seededDemo: false,
    demoTraces: 0,
    demoDecisions: 0,
    createdDefaultWorkspace: false,
    initialised: false,
  };
  const admin = await ensureFirstAdmin({ email: env.ARBITER_ADMIN_EMAIL, password: env.ARBITER_ADMIN_PASSWORD });
  if (admin?.generatedPassword) {
    report.credentials.push({ email: admin.user.email, role: "ADMIN", password: admin.generatedPassword });
  }
  const firstUser = await db().user.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } });
  const adminUserId = firstUser?.id ?? null;

  if (demoEnabled(env) && adminUserId) {
    const demo = await seedDemo({ adminUserId });
    if (demo) {
      report.credentials.push(...demo);
      report.seededDemo = true;
      report.demoTraces = await seedDemoTraffic({ tracesPerWorkspace: env.ARBITER_DEMO_TRACES });
      report.demoDecisions = await seedDemoDecisions({ perWorkspace: env.ARBITER_DEMO_TRACES ? 150 : 0 });
      // After the decisions: the demo's history was decided before any budget existed.
      if (env.ARBITER_DEMO_TRACES) await seedDemoBudgets();
    }
  }
  if (env.ARBITER_INIT_WORKSPACE && env.ARBITER_INIT_PUBLIC_KEY && env.ARBITER_INIT_SECRET_KEY) {
    const init = await ensureInitWorkspace({
      slug: env.ARBITER_INIT_WORKSPACE,
      publicKey: env.ARBITER_INIT_PUBLIC_KEY,
      secret: env.ARBITER_INIT_SECRET_KEY,
      adminUserId,
    });
    report.initialised = init.createdWorkspace || init.createdKey;
  }
  // Without the demo, the first admin still needs somewhere to start.
  if (adminUserId && (await db().workspace.count()) === 0) {
    await createWorkspace({ name: "Default", slug: "default", actor: systemActor, adminUserId });
    report.createdDefaultWorkspace = true;
  }
  return report;
}
