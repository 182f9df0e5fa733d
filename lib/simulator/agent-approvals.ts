// Simulated agents on the approval path, over HTTP as real ones are: ask for refunds, wait for a
// person on the held ones (long-poll), act with the token when approved.
import { seededRandom } from "./scenarios";

export interface ApprovalRun {
  asked: number;
  allowed: number;
  denied: number;
  held: number;
  approved: number;
  rejected: number;
  expired: number;
  stillPending: number;
  acted: number;
}

export async function runAgentApprovals({
  url,
  key,
  count,
  waitSeconds,
  seed,
  agent = "refund-agent",
}: {
  url: string;
  key: string;
  count: number;
  waitSeconds: number;
  seed: number;
  agent?: string;
}): Promise<ApprovalRun> {
  const base = url.replace(/\/$/, "");
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const r = seededRandom(seed);
  const run: ApprovalRun = {
    asked: 0,
    allowed: 0,
    denied: 0,
    held: 0,
    approved: 0,
    rejected: 0,
    expired: 0,
    stillPending: 0,
    acted: 0,
  };
  const ask = async (body: object) => {
    const response = await fetch(`${base}/api/v1/decisions`, { method: "POST", headers, body: JSON.stringify(body) });
    const answer = await response.json();
    if (!response.ok) throw new Error(`decision refused (${response.status}): ${answer.error?.message}`);
    return answer;
  };
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const request = {
        agent,
        action: "refund",
        resource: { kind: "order", id: `sim-${seed}-${i}` },
        context: {
          amount: Math.round((50 + r() ** 1.5 * 1450) * 100) / 100,
          currency: "USD",
          confidence: Math.round((0.6 + r() * 0.4) * 100) / 100,
        },
      };
      const first = await ask({ ...request, idempotencyKey: `sim-${seed}-${i}` });
      run.asked++;
      if (first.decision !== "REQUIRE_APPROVAL") {
        run[first.decision === "ALLOW" ? "allowed" : "denied"]++;
        return;
      }
      run.held++;
      const polled = await fetch(`${base}/api/v1/approvals/${first.approval.id}?wait=${waitSeconds}`, { headers });
      const approval = await polled.json();
      if (approval.status === "PENDING") run.stillPending++;
      else if (approval.status === "APPROVED") {
        run.approved++;
        const act = await ask({ ...request, ...approval.approved, approvalToken: approval.token });
        if (act.decision === "ALLOW") run.acted++;
      } else if (approval.status === "REJECTED") run.rejected++;
      else run.expired++;
    }),
  );
  return run;
}
