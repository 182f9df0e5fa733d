import { describe, expect, it } from "vitest";
import { agentChoices, agentName, agentNameMap, agentRefs, agentTitle } from "@/lib/agents/agent-label";

describe("agent labels", () => {
  const names = agentNameMap([
    { externalId: "agt-purchaser", name: "purchaser" },
    { externalId: "agt-refunds", name: "Refunds" },
  ]);

  it("shows an agent by name, and an unknown id as it is", () => {
    expect(agentName(names, "agt-purchaser")).toBe("purchaser");
    expect(agentName(names, "agt-gone")).toBe("agt-gone");
    // Ids that are names of Object.prototype's members are ids like any other.
    expect(agentName(agentNameMap({ planner: "Planner" }), "constructor")).toBe("constructor");
    expect(agentRefs(["agt-refunds", "agt-gone"], names)).toEqual([
      { externalId: "agt-refunds", name: "Refunds" },
      { externalId: "agt-gone", name: "agt-gone" },
    ]);
  });

  it("puts the id in the hover text only when it differs from the name", () => {
    expect(agentTitle({ externalId: "agt-refunds", name: "Refunds" })).toBe("id: agt-refunds");
    expect(agentTitle({ externalId: "planner", name: "planner" })).toBeUndefined();
  });

  it("offers filter choices by name, valued by id, telling apart agents that share a name", () => {
    expect(
      agentChoices([
        { externalId: "agt-1", name: "buyer" },
        { externalId: "agt-2", name: "buyer" },
        { externalId: "agt-3", name: "seller" },
      ]),
    ).toEqual([
      { value: "agt-1", label: "buyer (agt-1)" },
      { value: "agt-2", label: "buyer (agt-2)" },
      { value: "agt-3", label: "seller" },
    ]);
  });
});
