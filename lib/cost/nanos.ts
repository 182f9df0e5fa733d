// Pure: exact money as integer nano-dollars (the roll-ups' scale, numeric(18, 9)), for summing
// thousands of amounts fast and without drift; back to text with nine decimals.
const SCALE = 9;

export function nanos(value: string | null | undefined): bigint {
  if (!value) return 0n;
  const negative = value.startsWith("-");
  const [whole = "0", fraction = ""] = (negative ? value.slice(1) : value).split(".");
  const n = BigInt(whole || "0") * 1_000_000_000n + BigInt((fraction + "000000000").slice(0, SCALE) || "0");
  return negative ? -n : n;
}

export function fromNanos(n: bigint): string {
  const negative = n < 0n;
  const abs = negative ? -n : n;
  const whole = abs / 1_000_000_000n;
  const fraction = (abs % 1_000_000_000n).toString().padStart(SCALE, "0");
  return `${negative ? "-" : ""}${whole}.${fraction}`;
}

/** Nano-dollars as a float of dollars rounded to the micro-dollar (for drawing only). */
export const nanosToNumber = (n: bigint) => Number(n / 1000n) / 1_000_000;

/** a / b as a float (shares, changes); 0 when b is 0. */
export const ratio = (a: bigint, b: bigint) => (b === 0n ? 0 : Number((a * 1_000_000_000n) / b) / 1_000_000_000);
