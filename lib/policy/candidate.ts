// The policy sets Arbiter evaluates outside the decision path: the published set with one
// policy's draft in place of its published version ("what publishing this draft would put in
// force"), compiled for the simulator, the saved tests and impact analysis and freed after.
import "server-only";
import { db } from "../db";
import { Invalid, NotFound } from "../errors";
import {
  compilePolicies,
  validatePolicy,
  type CompiledPolicies,
  type PolicyProblem,
  type PolicySource,
} from "./evaluate";

export interface PublishedSource extends PolicySource {
  versionId: string;
}

/** Every policy's published version, by name (the order decisions record them in). */
export async function publishedSources(workspaceId: string): Promise<PublishedSource[]> {
  const policies = await db().policy.findMany({
    where: { workspaceId, activeVersionId: { not: null } },
    select: {
      id: true,
      name: true,
      set: true,
      mode: true,
      activeVersion: { select: { id: true, version: true, source: true } },
    },
    orderBy: { name: "asc" },
  });
  return policies.flatMap((p) =>
    p.activeVersion
      ? [
          {
            policyId: p.id,
            versionId: p.activeVersion.id,
            name: p.name,
            version: p.activeVersion.version,
            set: p.set,
            mode: p.mode,
            source: p.activeVersion.source,
          },
        ]
      : [],
  );
}

/**
 * The published set with `source` as the given policy's next version (added when the policy has
 * never been published). Draft statements are labelled with the version they would become. A
 * draft with errors is refused: Cedar would leave it out, and the answer would not be the draft's.
 */
export async function candidateSources(
  workspaceId: string,
  {
    policyId,
    source,
    mode,
  }: {
    policyId: string;
    source: string;
    /** The policy's mode in the candidate (a mode switch's impact); its own unless said. */
    mode?: "ENFORCE" | "SHADOW";
  },
  /** The draft's validation, when the caller has it already. */
  problems: PolicyProblem[] = validatePolicy(source),
): Promise<PolicySource[]> {
  const error = problems.find((p) => p.severity === "error");
  if (error) throw new Invalid(`The draft does not validate: ${error.message}`);
  const [policy, published] = await Promise.all([
    db().policy.findFirst({
      where: { id: policyId, workspaceId },
      select: { id: true, name: true, set: true, mode: true, versions: { select: { version: true } } },
    }),
    publishedSources(workspaceId),
  ]);
  if (!policy) throw new NotFound("No such policy in this workspace.");
  const next = Math.max(0, ...policy.versions.map((v) => v.version)) + 1;
  return [
    ...published.filter((p) => p.policyId !== policyId),
    { policyId, name: `${policy.name} (draft)`, version: next, set: policy.set, mode: mode ?? policy.mode, source },
  ];
}

/** Compiles `sources` for the duration of `evaluate` (which may await), then frees the set. */
export async function withCompiled<T>(
  sources: PolicySource[],
  evaluate: (compiled: CompiledPolicies) => T | Promise<T>,
): Promise<T> {
  const compiled = compilePolicies(sources);
  try {
    return await evaluate(compiled);
  } finally {
    compiled.free();
  }
}
