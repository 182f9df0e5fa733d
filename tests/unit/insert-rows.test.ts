import { describe, expect, it } from "vitest";
import { insertRows } from "../../lib/db/insert-rows";

describe("insertRows", () => {
  it("names each column once, with its cast, and numbers the parameters row by row", () => {
    const { text, params } = insertRows(
      "T",
      { id: { value: (r: { id: string; n: number }) => r.id }, n: { cast: "::int", value: (r) => r.n } },
      [
        { id: "a", n: 1 },
        { id: "b", n: 2 },
      ],
    );
    expect(text).toBe('INSERT INTO "T" ("id", "n") VALUES ($1, $2::int), ($3, $4::int)');
    expect(params).toEqual(["a", 1, "b", 2]);
  });
});
