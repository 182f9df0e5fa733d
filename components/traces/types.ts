export type { CompactSpan as ClientSpan } from "@/lib/traces/compact";
