import { describe, expect, it } from "vitest";
import { toChatMessages } from "@/lib/traces/messages";

describe("chat messages from span bodies", () => {
  it("reads GenAI role + parts, with tool calls, tool responses and finish reasons", () => {
    expect(
      toChatMessages([
        { role: "user", parts: [{ type: "text", content: "Refund order 42" }] },
        {
          role: "assistant",
          parts: [{ type: "tool_call", id: "c1", name: "issue_refund", arguments: { order: 42 } }],
          finish_reason: "tool_call",
        },
        { role: "tool", parts: [{ type: "tool_call_response", id: "c1", response: { ok: true } }] },
      ]),
    ).toEqual([
      { role: "user", parts: [{ kind: "text", text: "Refund order 42" }] },
      {
        role: "assistant",
        parts: [{ kind: "tool_call", id: "c1", name: "issue_refund", arguments: { order: 42 } }],
        finishReason: "tool_call",
      },
      { role: "tool", parts: [{ kind: "tool_result", id: "c1", content: { ok: true } }] },
    ]);
  });

  it("reads OpenAI chat messages, parsing JSON tool arguments", () => {
    expect(
      toChatMessages(
        JSON.stringify([
          { role: "system", content: "Be brief." },
          {
            role: "assistant",
            content: null,
            tool_calls: [{ id: "x", type: "function", function: { name: "lookup", arguments: '{"id":7}' } }],
          },
          { role: "tool", content: '{"status":"shipped"}' },
        ]),
      ),
    ).toEqual([
      { role: "system", parts: [{ kind: "text", text: "Be brief." }] },
      { role: "assistant", parts: [{ kind: "tool_call", id: "x", name: "lookup", arguments: { id: 7 } }] },
      { role: "tool", parts: [{ kind: "tool_result", content: { status: "shipped" } }] },
    ]);
  });

  it("reads OpenInference's flattened messages", () => {
    expect(
      toChatMessages([
        { role: "user", content: "hi" },
        {
          role: "assistant",
          "tool_calls.0.tool_call.function.name": "search",
          "tool_calls.0.tool_call.function.arguments": '{"q":"x"}',
        },
      ]),
    ).toEqual([
      { role: "user", parts: [{ kind: "text", text: "hi" }] },
      { role: "assistant", parts: [{ kind: "tool_call", name: "search", arguments: { q: "x" } }] },
    ]);
  });

  it("reads the Vercel AI SDK's prompt object and content parts", () => {
    expect(
      toChatMessages({
        system: "You buy things.",
        messages: [
          { role: "user", content: [{ type: "text", text: "Buy 3 chairs" }] },
          { role: "assistant", content: [{ type: "tool-call", toolCallId: "t", toolName: "buy", input: { n: 3 } }] },
          { role: "tool", content: [{ type: "tool-result", toolCallId: "t", toolName: "buy", output: "done" }] },
        ],
      }),
    ).toEqual([
      { role: "system", parts: [{ kind: "text", text: "You buy things." }] },
      { role: "user", parts: [{ kind: "text", text: "Buy 3 chairs" }] },
      { role: "assistant", parts: [{ kind: "tool_call", id: "t", name: "buy", arguments: { n: 3 } }] },
      { role: "tool", parts: [{ kind: "tool_result", id: "t", name: "buy", content: "done" }] },
    ]);
  });

  it("says 'not messages' for anything else", () => {
    expect(toChatMessages({ q: "search terms" })).toBeNull();
    expect(toChatMessages("plain text")).toBeNull();
    expect(toChatMessages([])).toBeNull();
    expect(toChatMessages([{ role: "user", content: "a" }, { nope: 1 }])).toBeNull();
    expect(toChatMessages(null)).toBeNull();
  });
});
