// Live events reach every instance: on PostgreSQL through LISTEN/NOTIFY (a second connection here
// stands for a second server), in process on PGlite.
import { describe, expect, inject, it } from "vitest";
import { openDatabase } from "../../lib/db/connect";
import { database } from "../../lib/db";
import { nextEvent, publish } from "../../lib/events/bus";

describe("live events", () => {
  it("a published event reaches a subscriber of its topic, and no other", async () => {
    const topic = `test:${Math.random()}`;
    const other = nextEvent(`${topic}:other`, () => true, 300);
    const waiting = nextEvent(topic, (e) => e.n === 2, 5000);
    await publish({ topic, n: 1 });
    await publish({ topic, n: 2 });
    expect(await waiting.promise).toMatchObject({ topic, n: 2 });
    expect(await other.promise).toBeNull();
  });

  it.runIf(process.env.TEST_DB === "postgres")("on PostgreSQL another instance hears it over LISTEN", async () => {
    const second = openDatabase({ kind: "postgres", url: inject("databaseUrl") });
    const heard: string[] = [];
    const listener = second.listen!("arbiter_events", (payload) => heard.push(payload));
    try {
      const topic = `cross:${Math.random()}`;
      // The listener connects asynchronously: publish until it hears (bounded by the poll's timeout).
      await expect
        .poll(
          async () => {
            await publish({ topic, approvalId: "x" });
            return heard.some((h) => h.includes(topic));
          },
          { timeout: 5000 },
        )
        .toBe(true);
      expect(heard.some((h) => JSON.parse(h).event.topic === topic)).toBe(true);
      expect(database().kind).toBe("postgres");
    } finally {
      await listener.close();
      await second.close();
    }
  });
});
