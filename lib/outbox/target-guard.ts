// Where Arbiter may send a webhook: http(s) only, and — unless the operator allows it with
// ARBITER_WEBHOOK_ALLOW_PRIVATE=1 (tests, on-premise receivers) — never to loopback, private,
// link-local or otherwise internal addresses. Checked on the URL when it is given and on every
// resolved address at connect time, so a name that later resolves inward is refused too.
import { BlockList, isIP } from "node:net";
import dns from "node:dns";

const internal = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  internal.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  // NAT64 and 6to4 embed IPv4 addresses (64:ff9b::7f00:1 reaches 127.0.0.1 through a gateway).
  ["64:ff9b::", 96],
  ["64:ff9b:1::", 48],
  ["2002::", 16],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  internal.addSubnet(net, prefix, "ipv6");

export function privateTargetsAllowed(): boolean {
  const v = process.env.ARBITER_WEBHOOK_ALLOW_PRIVATE;
  return v === "1" || v === "true";
}

export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return internal.check(address, "ipv4");
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return internal.check(mapped[1]!, "ipv4");
    return internal.check(address, "ipv6");
  }
  return true;
}

/** Why this URL may not receive webhooks, or null when it may (before DNS). */
export function refuseTarget(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "callbackUrl is not a URL.";
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return "callbackUrl must be an http(s) URL.";
  if (url.username || url.password) return "callbackUrl must not carry credentials.";
  if (privateTargetsAllowed()) return null;
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".internal") || host.endsWith(".local"))
    return "callbackUrl points at a local name; private and loopback targets are refused (ARBITER_WEBHOOK_ALLOW_PRIVATE allows them).";
  if (isIP(host) && isInternalAddress(host))
    return "callbackUrl points at a private or loopback address; such targets are refused (ARBITER_WEBHOOK_ALLOW_PRIVATE allows them).";
  return null;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number,
) => void;

/** A dns.lookup for http.request that refuses internal addresses (unless allowed). */
export function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback) {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const list = addresses as dns.LookupAddress[];
    if (!privateTargetsAllowed() && list.some((a) => isInternalAddress(a.address))) {
      const refused = Object.assign(new Error(`${hostname} resolves to an internal address; refused`), {
        code: "EREFUSEDTARGET",
      });
      return callback(refused, []);
    }
    if (options.all) return callback(null, list);
    const first = list[0];
    if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: "ENOTFOUND" }), []);
    callback(null, first.address, first.family);
  });
}
