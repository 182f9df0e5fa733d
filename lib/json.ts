// JSON as the API writes it: bigints as decimal strings (Decimal already serialises so).
export const jsonText = (data: unknown) =>
  JSON.stringify(data, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));

/** A value in the exact shape a client would get from the API, for server-rendered initial data. */
export const jsonSafe = <T>(data: unknown): T => JSON.parse(jsonText(data)) as T;
