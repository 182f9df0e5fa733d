// Where sign-in may send people afterwards: a path on this site, never another origin, so a
// crafted link cannot turn the sign-in page into an open redirect.

const HOME = "/";

// Browsers read a backslash as a slash ("/\evil.example" is another origin) and strip tabs and
// newlines before parsing ("/\t/evil.example" becomes "//evil.example").
function hasUnsafeCharacter(value: string): boolean {
  for (const char of value) {
    const code = char.charCodeAt(0);
    if (char === "\\" || code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

/** The callback if it is a same-origin relative path ("/x?y"): one leading slash, no scheme. Else "/". */
export function safeCallback(value: unknown): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//")) return HOME;
  return hasUnsafeCharacter(value) ? HOME : value;
}

/** The sign-in page that comes back to `path` afterwards (plain /sign-in for the home page). */
export function signInUrl(path: string | null | undefined): string {
  const callback = safeCallback(path);
  return callback === HOME ? "/sign-in" : `/sign-in?callbackUrl=${encodeURIComponent(callback)}`;
}

/** Set by the proxy on page requests: the path and query asked for, which server components cannot see. */
export const REQUEST_PATH_HEADER = "x-arbiter-path";
