import "server-only";
import { db } from "../db";
import { appendAuditEvent, systemActor } from "../audit";
import { generatePassword, hashPassword } from "../auth/password";
import type { Role } from "../auth/permissions";
import { createWorkspace } from "../workspaces";
import type { AutonomyLevel, RiskTier } from "../db/generated/enums";

interface DemoAgent {
  externalId: string;
  name: string;
  description: string;
  autonomyLevel: AutonomyLevel;
  riskTier: RiskTier;
  trustScore: number;
  publicFacing?: boolean;
  spendingLimitUsd?: number;
}

export const DEMO_WORKSPACES: { slug: string; name: string; agents: DemoAgent[] }[] = [
  {
    slug: "customer-support",
    name: "Customer Support",
    agents: [
      {
        externalId: "triage-agent",
        name: "Triage agent",
        description: "Reads incoming tickets, classifies intent and routes them.",
        autonomyLevel: "FULL",
        riskTier: "LOW",
        trustScore: 82,
        publicFacing: true,
      },
      {
        externalId: "refund-agent",
        name: "Refund agent",
        description: "Issues refunds through the payments tool; large refunds need approval.",
        autonomyLevel: "EXECUTE_WITH_APPROVAL",
        riskTier: "HIGH",
        trustScore: 64,
      },
      {
        externalId: "kb-answerer",
        name: "Knowledge-base answerer",
        description: "Answers customer questions from the help centre with citations.",
        autonomyLevel: "CONDITIONAL_AUTO",
        riskTier: "MEDIUM",
        trustScore: 71,
        publicFacing: true,
      },
    ],
  },
  {
    slug: "procurement",
    name: "Procurement",
    agents: [
      {
        externalId: "procurement-planner",
        name: "Procurement planner",
        description: "Breaks purchase requests into sourcing steps.",
        autonomyLevel: "SUGGEST",
        riskTier: "MEDIUM",
        trustScore: 68,
      },
      {
        externalId: "purchaser",
        name: "Purchaser",
        description: "Raises purchase orders with approved vendors within its spending limit.",
        autonomyLevel: "EXECUTE_WITH_APPROVAL",
        riskTier: "CRITICAL",
        trustScore: 58,
        spendingLimitUsd: 50_000,
      },
      {
        externalId: "vendor-checker",
        name: "Vendor checker",
        description: "Checks vendors against sanctions and the internal blacklist.",
        autonomyLevel: "READ_ONLY",
        riskTier: "LOW",
        trustScore: 90,
      },
    ],
  },
  {
    slug: "research",
    name: "Research",
    agents: [
      {
        externalId: "research-planner",
        name: "Research planner",
        description: "Plans literature reviews and fans out to researchers.",
        autonomyLevel: "CONDITIONAL_AUTO",
        riskTier: "LOW",
        trustScore: 77,
      },
      {
        externalId: "researcher",
        name: "Researcher",
        description: "Searches and reads sources in parallel with its peers.",
        autonomyLevel: "FULL",
        riskTier: "LOW",
        trustScore: 80,
      },
      {
        externalId: "summarizer",
        name: "Summarizer",
        description: "Writes the final brief from the researchers' notes.",
        autonomyLevel: "FULL",
        riskTier: "LOW",
        trustScore: 85,
      },
    ],
  },
];

export const DEMO_USERS: { email: string; name: string; role: Exclude<Role, "ADMIN"> }[] = [
  { email: "approver@arbiter.local", name: "Avery Approver", role: "APPROVER" },
  { email: "engineer@arbiter.local", name: "Emery Engineer", role: "ENGINEER" },
  { email: "auditor@arbiter.local", name: "Auden Auditor", role: "AUDITOR" },
  { email: "viewer@arbiter.local", name: "Vi Viewer", role: "VIEWER" },
];

/**
 * Seeds the demo organisation on an empty database: three workspaces, one user per role
 * (the admin is already there) and a handful of agents. Returns the generated passwords.
 */
export async function seedDemo({ adminUserId }: { adminUserId: string }) {
  if ((await db().workspace.count()) > 0) return null;
  const credentials: { email: string; role: Role; password: string }[] = [];
  const users: ((typeof DEMO_USERS)[number] & { id: string })[] = [];
  for (const demoUser of DEMO_USERS) {
    const password = generatePassword();
    const user = await db().user.create({
      data: { email: demoUser.email, name: demoUser.name, passwordHash: await hashPassword(password) },
    });
    users.push({ ...demoUser, id: user.id });
    credentials.push({ email: demoUser.email, role: demoUser.role, password });
  }

  for (const spec of DEMO_WORKSPACES) {
    const workspace = await createWorkspace({ name: spec.name, slug: spec.slug, actor: systemActor, adminUserId });
    await db().$transaction(async (tx) => {
      for (const user of users) {
        const membership = await tx.membership.create({
          data: { workspaceId: workspace.id, userId: user.id, role: user.role },
        });
        await appendAuditEvent(tx, {
          workspaceId: workspace.id,
          actor: systemActor,
          action: "member.added",
          target: { type: "membership", id: membership.id },
          after: { userId: user.id, email: user.email, role: user.role },
        });
      }
      for (const agent of spec.agents) {
        const created = await tx.agent.create({ data: { workspaceId: workspace.id, ownerId: adminUserId, ...agent } });
        await appendAuditEvent(tx, {
          workspaceId: workspace.id,
          actor: systemActor,
          action: "agent.registered",
          target: { type: "agent", id: created.id },
          after: agent,
        });
      }
    });
  }
  return credentials;
}
