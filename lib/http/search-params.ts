// A page's search params as the one value per key that filters use (repeated or empty keys: none).
export type RawSearchParams = Record<string, string | string[] | undefined>;

export function firstParam(raw: RawSearchParams) {
  return (key: string): string | undefined => {
    const value = raw[key];
    return typeof value === "string" && value ? value : undefined;
  };
}
