// The approvals load driver, run as its own process: every agent asks for a held refund (half with
// a callbackUrl at a webhook receiver this process runs) and long-polls its approval; once all polls
// wait, a signed-in approver decides each request through the decide route, a few at a time. Times
// every decide, long-poll answer and webhook arrival on this process's clock, measures the
// GET /api/health floor at the same concurrency, and prints one JSON line of results.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { SIGNATURE_HEADER, verifySignature } from "../lib/outbox/sign";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    key: { type: "string" },
    "webhook-secret": { type: "string" },
    workspace: { type: "string" },
    email: { type: "string" },
    password: { type: "string" },
    agents: { type: "string", default: "200" },
    concurrency: { type: "string", default: "10" },
    wait: { type: "string", default: "60" },
  },
});
const url = values.url!;
const agents = Number(values.agents);
const concurrency = Number(values.concurrency);
const webhookSecret = values["webhook-secret"]!;
const apiHeaders = { authorization: `Bearer ${values.key}`, "content-type": "application/json" };
const now = () => performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- the webhook receiver ----

interface Arrival {
  at: number;
  goodSignature: boolean;
}
const arrivals = new Map<string, Arrival[]>();
let unreadableHooks = 0;
let arrivalWaiter: (() => void) | null = null;

const receiver = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (c: Buffer) => chunks.push(c));
  request.on("end", () => {
    const at = now();
    const body = Buffer.concat(chunks).toString("utf8");
    const header = request.headers[SIGNATURE_HEADER];
    const goodSignature = verifySignature({
      secret: webhookSecret,
      body,
      header: typeof header === "string" ? header : null,
    });
    let id: string | null = null;
    try {
      id = (JSON.parse(body) as { data?: { id?: string } }).data?.id ?? null;
    } catch {
      // Counted below.
    }
    if (id) arrivals.set(id, [...(arrivals.get(id) ?? []), { at, goodSignature }]);
    else unreadableHooks++;
    response.writeHead(200, { "content-type": "text/plain" }).end("ok");
    arrivalWaiter?.();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
const hookBase = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

/** Resolves once `ids` have all had a webhook, or after `ms`. */
async function webhooksFor(ids: string[], ms: number) {
  const deadline = now() + ms;
  while (ids.some((id) => !arrivals.has(id)) && now() < deadline) {
    await Promise.race([new Promise<void>((r) => (arrivalWaiter = r)), sleep(Math.max(0, deadline - now()))]);
  }
  arrivalWaiter = null;
}

// ---- the approver's session ----

const jar = new Map<string, string>();
function keepCookies(response: Response) {
  for (const line of response.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair!.indexOf("=");
    jar.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
  }
}
const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

async function signIn() {
  const csrf = await fetch(`${url}/api/auth/csrf`);
  keepCookies(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const callback = await fetch(`${url}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader() },
    body: new URLSearchParams({ csrfToken, email: values.email!, password: values.password!, json: "true" }),
  });
  keepCookies(callback);
  await callback.text();
  const session = (await (await fetch(`${url}/api/auth/session`, { headers: { cookie: cookieHeader() } })).json()) as {
    user?: { email?: string };
  };
  if (session.user?.email !== values.email)
    throw new Error(`sign-in failed (callback answered ${callback.status}; session ${JSON.stringify(session)})`);
}

// ---- one approval's life ----

interface Poll {
  sentAt: number;
  at: number | null;
  status: number | null;
  approvalStatus: string | null;
  token: boolean;
  error: string | null;
}

interface Item {
  agent: string;
  callback: boolean;
  approvalId: string | null;
  askError: string | null;
  asks503: number;
  poll: Promise<Poll> | null;
  pollResult: Poll | null;
  decideSentAt: number | null;
  decideAt: number | null;
  decideStatus: number | null;
  decidedAs: string | null;
  decideError: string | null;
}

async function ask(item: Item, index: number) {
  const body = JSON.stringify({
    agent: item.agent,
    action: "refund",
    resource: { kind: "order", id: `o-bench-${index}` },
    context: { amount: 900, confidence: 0.95 },
    ...(item.callback ? { callbackUrl: `${hookBase}/${index}` } : {}),
  });
  for (;;) {
    const response = await fetch(`${url}/api/v1/decisions`, { method: "POST", headers: apiHeaders, body });
    const text = await response.text();
    // Past the server's decision bound it answers 503 at once: ask again, as an agent would.
    if (response.status === 503) {
      item.asks503++;
      await sleep(100);
      continue;
    }
    const answer = JSON.parse(text) as { decision?: string; approval?: { id: string } };
    if (response.status !== 200 || answer.decision !== "REQUIRE_APPROVAL" || !answer.approval) {
      item.askError = `${response.status} ${text.slice(0, 200)}`;
      return;
    }
    item.approvalId = answer.approval.id;
    item.poll = longPoll(answer.approval.id);
    return;
  }
}

async function longPoll(approvalId: string): Promise<Poll> {
  const poll: Poll = { sentAt: now(), at: null, status: null, approvalStatus: null, token: false, error: null };
  try {
    const response = await fetch(`${url}/api/v1/approvals/${approvalId}?wait=${values.wait}`, { headers: apiHeaders });
    const text = await response.text();
    poll.at = now();
    poll.status = response.status;
    if (response.status === 200) {
      const view = JSON.parse(text) as { status: string; token: string | null };
      poll.approvalStatus = view.status;
      poll.token = typeof view.token === "string" && view.token.length > 0;
    } else poll.error = text.slice(0, 200);
  } catch (error) {
    poll.at = now();
    poll.error = String(error);
  }
  return poll;
}

async function decideOne(item: Item) {
  item.decideSentAt = now();
  try {
    const response = await fetch(`${url}/api/v1/approvals/${item.approvalId}/decide?workspace=${values.workspace}`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie: cookieHeader() },
      body: JSON.stringify({ decision: "APPROVE", comment: "ok" }),
    });
    const text = await response.text();
    item.decideAt = now();
    item.decideStatus = response.status;
    if (response.status === 200) item.decidedAs = (JSON.parse(text) as { status: string }).status;
    else item.decideError = text.slice(0, 300);
  } catch (error) {
    item.decideAt = now();
    item.decideError = String(error);
  }
}

/** Runs `work` over `items`, `width` at a time. */
async function pool<T>(items: T[], width: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await work(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

const newItem = (agent: string, callback: boolean): Item => ({
  agent,
  callback,
  approvalId: null,
  askError: null,
  asks503: 0,
  poll: null,
  pollResult: null,
  decideSentAt: null,
  decideAt: null,
  decideStatus: null,
  decidedAs: null,
  decideError: null,
});

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  return { n: sorted.length, p50Ms: at(50), p99Ms: at(99), maxMs: sorted.at(-1) ?? 0 };
}

// ---- the run ----

await signIn();

// One whole cycle first, so route compilation and first-use costs do not land in the figures.
const warm = newItem("bench-warmup", true);
await ask(warm, -1);
if (!warm.approvalId) throw new Error(`the warm-up decision was not held: ${warm.askError}`);
await sleep(200);
await decideOne(warm);
const warmPoll = await warm.poll!;
await webhooksFor([warm.approvalId], 10_000);
if (warm.decidedAs !== "APPROVED" || warmPoll.approvalStatus !== "APPROVED" || !arrivals.has(warm.approvalId))
  throw new Error(
    `the warm-up cycle failed: decide ${warm.decideStatus} ${warm.decideError ?? warm.decidedAs}, poll ${warmPoll.status} ${warmPoll.error ?? warmPoll.approvalStatus}, webhook ${arrivals.has(warm.approvalId) ? "arrived" : "missing"}`,
  );

// The floor: one database round trip through the same framework, at the decide concurrency.
const healthTimes: number[] = [];
let healthFailed = 0;
await pool(
  Array.from({ length: Math.max(agents, 200) }, (_, i) => i),
  concurrency,
  async () => {
    const sent = now();
    const response = await fetch(`${url}/api/health`).catch(() => null);
    await response?.text();
    if (response?.ok) healthTimes.push(now() - sent);
    else healthFailed++;
  },
);

const items = Array.from({ length: agents }, (_, i) => newItem(`bench-agent-${i}`, i % 2 === 0));
const askStarted = now();
await pool(items, 20, ask);
const askSeconds = (now() - askStarted) / 1000;
await sleep(1000);

// Polls that answered before anyone decided are early answers, not waits.
const held = items.filter((i) => i.approvalId !== null);
const settled = new Set<Item>();
for (const item of held) void item.poll!.then(() => settled.add(item));
await sleep(0);
const answeredEarly = held.filter((i) => settled.has(i)).length;

const decideStarted = now();
await pool(held, concurrency, decideOne);
const decideSeconds = (now() - decideStarted) / 1000;
for (const item of held) item.pollResult = await item.poll!;
const hookIds = held.filter((i) => i.callback).map((i) => i.approvalId!);
await webhooksFor(hookIds, 20_000);
receiver.close();

const decided = held.filter((i) => i.decidedAs === "APPROVED");
const pollsOk = decided.filter((i) => i.pollResult!.approvalStatus === "APPROVED" && i.pollResult!.token);
const hooked = held.filter((i) => i.callback);
const firstGood = (id: string) => arrivals.get(id)?.find((a) => a.goodSignature);
const decideErrors = [...new Set(held.filter((i) => i.decideError).map((i) => `${i.decideStatus} ${i.decideError}`))];
const pollErrors = [
  ...new Set(
    held
      .filter((i) => i.pollResult!.error || i.pollResult!.approvalStatus !== "APPROVED" || !i.pollResult!.token)
      .map(
        (i) =>
          `${i.pollResult!.status} ${i.pollResult!.error ?? `${i.pollResult!.approvalStatus} token=${i.pollResult!.token}`}`,
      ),
  ),
];

console.log(
  JSON.stringify({
    agents,
    concurrency,
    asked: items.length,
    held: held.length,
    askErrors: [...new Set(items.filter((i) => i.askError).map((i) => i.askError))].slice(0, 5),
    asks503: items.reduce((n, i) => n + i.asks503, 0),
    askSeconds,
    answeredEarly,
    decided: decided.length,
    decideSeconds,
    decideErrors: decideErrors.slice(0, 5),
    decideRoute: stats(held.filter((i) => i.decideStatus === 200).map((i) => i.decideAt! - i.decideSentAt!)),
    polls: { ok: pollsOk.length, lost: held.length - pollsOk.length, errors: pollErrors.slice(0, 5) },
    pollAfterAnswer: stats(pollsOk.map((i) => i.pollResult!.at! - i.decideAt!)),
    pollAfterSend: stats(pollsOk.map((i) => i.pollResult!.at! - i.decideSentAt!)),
    webhooks: {
      expected: hooked.length,
      delivered: hooked.filter((i) => firstGood(i.approvalId!)).length,
      lost: hooked.filter((i) => !arrivals.has(i.approvalId!)).length,
      badSignature: [...arrivals.values()].flat().filter((a) => !a.goodSignature).length,
      duplicates: [...arrivals.values()].reduce((n, list) => n + Math.max(0, list.length - 1), 0),
      unexpected:
        [...arrivals.keys()].filter((id) => id !== warm.approvalId && !hookIds.includes(id)).length + unreadableHooks,
    },
    webhookAfterAnswer: stats(
      hooked
        .filter((i) => firstGood(i.approvalId!) && i.decideAt)
        .map((i) => firstGood(i.approvalId!)!.at - i.decideAt!),
    ),
    webhookAfterSend: stats(
      hooked
        .filter((i) => firstGood(i.approvalId!) && i.decideSentAt)
        .map((i) => firstGood(i.approvalId!)!.at - i.decideSentAt!),
    ),
    health: { ...stats(healthTimes), failed: healthFailed },
  }),
);
