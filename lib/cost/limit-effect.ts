// Pure: what a limit at its line does to a decision — the one rule budgets and circuit breakers
// share. STOP denies with the limit as the only reason; HOLD turns an allow into REQUIRE_APPROVAL
// (routed and timed like a policy hold) or adds itself to a hold's reasons; a deny stays a deny.
import {
  DEFAULT_APPROVAL_ROUTE,
  DEFAULT_APPROVAL_TIMEOUT_MINUTES,
  type Evaluation,
  type Reason,
} from "../policy/evaluate";

export function applyLimit(result: Evaluation, effect: "HOLD" | "STOP", reason: Reason): Evaluation {
  if (result.outcome === "DENY") return result;
  if (effect === "STOP") return { ...result, outcome: "DENY", reasons: [reason], approval: null };
  if (result.outcome === "REQUIRE_APPROVAL") return { ...result, reasons: [reason, ...result.reasons] };
  return {
    ...result,
    outcome: "REQUIRE_APPROVAL",
    reasons: [reason],
    approval: {
      policyId: reason.policyId,
      version: 0,
      route: DEFAULT_APPROVAL_ROUTE,
      timeoutMinutes: DEFAULT_APPROVAL_TIMEOUT_MINUTES,
      escalateMinutes: null,
      quorum: 1,
    },
  };
}
