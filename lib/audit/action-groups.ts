// Pure: the audit browser's groups of actions, by the prefix before the first dot.
export const ACTION_GROUPS = {
  policies: { label: "Policies", prefixes: ["policy", "policy_test"] },
  decisions: { label: "Decisions", prefixes: ["decision"] },
  approvals: { label: "Approvals", prefixes: ["approval"] },
  agents: { label: "Agents", prefixes: ["agent"] },
  costs: { label: "Budgets & breakers", prefixes: ["budget", "breaker", "alert", "costs"] },
  access: { label: "Members & keys", prefixes: ["member", "api_key", "user"] },
  workspace: { label: "Workspace settings", prefixes: ["workspace"] },
  audit: { label: "Audit & exports", prefixes: ["audit"] },
  "sign-ins": { label: "Sign-ins", prefixes: ["auth"] },
} as const;

export type ActionGroup = keyof typeof ACTION_GROUPS;
export const ACTION_GROUP_KEYS = Object.keys(ACTION_GROUPS) as ActionGroup[];

export function groupOf(action: string): ActionGroup | null {
  const prefix = action.split(".")[0];
  for (const key of ACTION_GROUP_KEYS) {
    if ((ACTION_GROUPS[key].prefixes as readonly string[]).includes(prefix!)) return key;
  }
  return null;
}
