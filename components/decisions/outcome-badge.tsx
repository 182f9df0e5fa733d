import { Badge } from "@/components/ui/badge";

export function OutcomeBadge({ outcome }: { outcome: string }) {
  if (outcome === "ALLOW") return <Badge tone="green">allow</Badge>;
  if (outcome === "DENY") return <Badge tone="red">deny</Badge>;
  return <Badge tone="amber">held for approval</Badge>;
}
