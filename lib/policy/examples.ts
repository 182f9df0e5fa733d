// The request the simulator starts with: one the starter pack answers interestingly.
export const EXAMPLE_REQUEST = JSON.stringify(
  {
    agent: "refund-agent",
    action: "refund",
    resource: { kind: "order", id: "o-42" },
    context: { amount: 900, confidence: 0.95 },
  },
  null,
  2,
);
