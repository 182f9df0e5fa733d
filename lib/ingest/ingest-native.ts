import "server-only";
import { nativeItemSchema, nativeToNormalized } from "./native";
import type { NormalizedSpan } from "./normalize";
import { prepareSpans } from "./prepare";
import { storeSpans } from "./store-spans";

export interface ItemResult {
  id: string | null;
  status: 201 | 400;
  message?: string;
}

/** Validates each item on its own; stores the valid ones in one transaction. */
export async function ingestNative({ workspaceId, items }: { workspaceId: string; items: unknown[] }) {
  const results: ItemResult[] = [];
  const spans: NormalizedSpan[] = [];
  for (const raw of items) {
    const id =
      typeof raw === "object" && raw !== null && typeof (raw as { id?: unknown }).id === "string"
        ? (raw as { id: string }).id
        : null;
    const parsed = nativeItemSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      results.push({ id, status: 400, message: `${issue.path.join(".") || "item"}: ${issue.message}` });
      continue;
    }
    const span = nativeToNormalized(parsed.data.body);
    if (typeof span === "string") {
      results.push({ id, status: 400, message: span });
      continue;
    }
    spans.push(span);
    results.push({ id, status: 201 });
  }
  await storeSpans({ workspaceId, rows: prepareSpans(spans) });
  return {
    successes: results.filter((r) => r.status === 201).map(({ id, status }) => ({ id, status })),
    errors: results.filter((r) => r.status === 400),
  };
}
