import { describe, expect, it } from "vitest";
import { SCENARIOS, scenariosFor } from "../../lib/simulator/scenarios";

describe("the simulator's choice of scenarios", () => {
  it("sends a demo workspace its own scenario, any other workspace all of them, and what was asked for", () => {
    expect(scenariosFor("customer-support", "fit")).toEqual({ scenarios: ["support-refunds"], own: true });
    expect(scenariosFor("procurement", "fit")).toEqual({ scenarios: ["procurement"], own: true });
    expect(scenariosFor("fraud-ops", "fit")).toEqual({ scenarios: SCENARIOS, own: false });
    expect(scenariosFor("customer-support", "all")).toEqual({ scenarios: SCENARIOS, own: false });
    expect(scenariosFor("customer-support", "research-swarm")).toEqual({ scenarios: ["research-swarm"], own: false });
  });
});
