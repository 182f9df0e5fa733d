import { apiRoute } from "@/lib/http/api-route";
import { approvalsTopic, subscribe } from "@/lib/events/bus";

// Server-sent events: one line per approval change in the workspace ({ approvalId, status, change }),
// so an inbox re-reads within moments of a change anywhere. A comment every 15 s keeps proxies open.
export const GET = apiRoute({ scope: "read", permission: "approvals:read" }, async (request, { principal }) => {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      send("retry: 2000\n: connected\n\n");
      const unsubscribe = subscribe(approvalsTopic(principal.workspaceId), (event) => {
        const { topic: _topic, ...data } = event;
        send(`event: approval\ndata: ${JSON.stringify(data)}\n\n`);
      });
      const heartbeat = setInterval(() => send(": keep-alive\n\n"), 15_000);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      request.signal.addEventListener("abort", () => cleanup());
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
    },
  });
});
