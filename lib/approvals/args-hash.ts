// The canonical hash of what an agent asks to do: resource + context after the schema's
// defaults, as RFC 8785 JSON under SHA-256. An approval and its token bind to it, so a changed
// amount or argument is a different request.
import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import type { DecisionRequest } from "../policy/request";

export type ApprovedRequest = Pick<DecisionRequest, "resource" | "context">;

export function argsHash({ resource, context }: ApprovedRequest): string {
  return createHash("sha256")
    .update(canonicalize({ resource, context }) ?? "")
    .digest("hex");
}

/** The whole request (agent and action too), for telling an idempotent retry from a reuse of its key. */
export function requestHash(request: Pick<DecisionRequest, "agent" | "action" | "resource" | "context">): string {
  const { agent, action, resource, context } = request;
  return createHash("sha256")
    .update(canonicalize({ agent, action, resource, context }) ?? "")
    .digest("hex");
}
