"use server";

import { z } from "zod";
import { revalidatePath } from "next/cache";
import { workspaceAction } from "@/lib/http/server-action";
import { simulateDecision } from "@/lib/policy/simulate";
import { Invalid } from "@/lib/errors";
import { formatPolicy, validatePolicy } from "@/lib/policy/evaluate";
import {
  createPolicy,
  discardDraft,
  MAX_POLICY_SOURCE,
  publishDraft,
  rollbackPolicy,
  saveDraft,
  setPolicyMode,
} from "@/lib/policy/policy-drafts";
import { analyseImpact, analyseModeSwitch } from "@/lib/policy/impact";
import { createPolicyTest, deletePolicyTest, OUTCOMES, updatePolicyTest } from "@/lib/policy/policy-tests";

const workspace = z.string();
const id = z.string().min(1).max(64);
const source = z.string().max(MAX_POLICY_SOURCE, `A policy is at most ${MAX_POLICY_SOURCE} characters.`);

function parseRequest(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Invalid("The request is not valid JSON.");
  }
}

function refresh(slug: string, policyId?: string) {
  revalidatePath(`/${slug}/policies`);
  if (policyId) revalidatePath(`/${slug}/policies/${policyId}`);
}

/** Against the published set: anyone who can read policies. */
export const simulateDecisionAction = workspaceAction(
  { input: z.object({ workspace, request: z.string().max(20_000) }), permission: "policies:read" },
  async ({ request }, access) => simulateDecision({ workspaceId: access.workspace.id, body: parseRequest(request) }),
);

/** Against the set a draft would put in force: those who write policies. */
export const simulateDraftAction = workspaceAction(
  {
    input: z.object({ workspace, request: z.string().max(20_000), policyId: id, source }),
    permission: "policies:write",
  },
  async ({ request, policyId, source }, access) =>
    simulateDecision({ workspaceId: access.workspace.id, body: parseRequest(request), draft: { policyId, source } }),
);

/** Live validation for the editor's inline diagnostics. */
export const checkPolicyAction = workspaceAction(
  { input: z.object({ workspace, source }), permission: "policies:write" },
  async ({ source }) => validatePolicy(source),
);

export const formatPolicyAction = workspaceAction(
  { input: z.object({ workspace, source }), permission: "policies:write" },
  async ({ source }) => {
    const formatted = formatPolicy(source);
    if (formatted === null) throw new Invalid("Only a policy that parses can be formatted: fix the errors first.");
    return formatted;
  },
);

export const createPolicyAction = workspaceAction(
  {
    input: z.object({
      workspace,
      name: z.string().max(100),
      set: z.enum(["GUARDRAILS", "APPROVALS"]),
      description: z.string().max(500),
    }),
    permission: "policies:write",
  },
  async ({ name, set, description }, access) => {
    const policy = await createPolicy({
      workspaceId: access.workspace.id,
      input: { name, set, description },
      actor: access.actor,
      userId: access.user.id,
    });
    refresh(access.workspace.slug);
    return { id: policy.id };
  },
);

export const saveDraftAction = workspaceAction(
  { input: z.object({ workspace, policyId: id, source }), permission: "policies:write" },
  async ({ policyId, source }, access) => {
    const check = await saveDraft({
      workspaceId: access.workspace.id,
      policyId,
      source,
      actor: access.actor,
      userId: access.user.id,
    });
    refresh(access.workspace.slug, policyId);
    return check;
  },
);

export const discardDraftAction = workspaceAction(
  { input: z.object({ workspace, policyId: id }), permission: "policies:write" },
  async ({ policyId }, access) => {
    await discardDraft({ workspaceId: access.workspace.id, policyId, actor: access.actor });
    refresh(access.workspace.slug, policyId);
    return null;
  },
);

export const analyseImpactAction = workspaceAction(
  {
    input: z.object({ workspace, policyId: id, source, days: z.number().int().min(1).max(90) }),
    permission: "policies:write",
  },
  async ({ policyId, source, days }, access) =>
    analyseImpact({ workspaceId: access.workspace.id, policyId, source, days }),
);

export const publishDraftAction = workspaceAction(
  {
    input: z.object({ workspace, policyId: id, source, message: z.string().max(500) }),
    permission: "policies:publish",
  },
  async ({ policyId, source, message }, access) => {
    const published = await publishDraft({
      workspaceId: access.workspace.id,
      policyId,
      source,
      message,
      actor: access.actor,
      userId: access.user.id,
    });
    refresh(access.workspace.slug, policyId);
    return published;
  },
);

export const rollbackPolicyAction = workspaceAction(
  { input: z.object({ workspace, policyId: id, versionId: id }), permission: "policies:publish" },
  async ({ policyId, versionId }, access) => {
    const published = await rollbackPolicy({
      workspaceId: access.workspace.id,
      policyId,
      versionId,
      actor: access.actor,
      userId: access.user.id,
    });
    refresh(access.workspace.slug, policyId);
    return published;
  },
);

const mode = z.enum(["ENFORCE", "SHADOW"]);

export const analyseModeSwitchAction = workspaceAction(
  {
    input: z.object({ workspace, policyId: id, mode, days: z.number().int().min(1).max(90) }),
    permission: "policies:publish",
  },
  async ({ policyId, mode, days }, access) =>
    analyseModeSwitch({ workspaceId: access.workspace.id, policyId, mode, days }),
);

export const setPolicyModeAction = workspaceAction(
  {
    input: z.object({
      workspace,
      policyId: id,
      mode,
      reason: z.string().trim().min(1, "Say why the policy's mode changes.").max(1000),
    }),
    permission: "policies:publish",
  },
  async ({ policyId, mode, reason }, access) => {
    await setPolicyMode({ workspaceId: access.workspace.id, policyId, mode, reason, actor: access.actor });
    refresh(access.workspace.slug, policyId);
    return null;
  },
);

export const createPolicyTestAction = workspaceAction(
  {
    input: z.object({
      workspace,
      name: z.string().max(120),
      request: z.string().max(20_000),
      expected: z.enum(OUTCOMES),
    }),
    permission: "policies:write",
  },
  async ({ name, request, expected }, access) => {
    const test = await createPolicyTest({
      workspaceId: access.workspace.id,
      input: { name, request, expected },
      actor: access.actor,
      userId: access.user.id,
    });
    refresh(access.workspace.slug);
    return { id: test.id };
  },
);

export const updatePolicyTestAction = workspaceAction(
  {
    input: z.object({
      workspace,
      testId: id,
      name: z.string().max(120),
      request: z.string().max(20_000),
      expected: z.enum(OUTCOMES),
    }),
    permission: "policies:write",
  },
  async ({ testId, name, request, expected }, access) => {
    await updatePolicyTest({
      workspaceId: access.workspace.id,
      testId,
      input: { name, request, expected },
      actor: access.actor,
    });
    refresh(access.workspace.slug);
    return null;
  },
);

export const deletePolicyTestAction = workspaceAction(
  { input: z.object({ workspace, testId: id }), permission: "policies:write" },
  async ({ testId }, access) => {
    await deletePolicyTest({ workspaceId: access.workspace.id, testId, actor: access.actor });
    refresh(access.workspace.slug);
    return null;
  },
);
