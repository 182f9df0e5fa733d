// Tells server components which page was asked for (they cannot read the URL), so a signed-out
// visit can come back to it after sign-in. Cheap on purpose: no session, no database.
import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_PATH_HEADER } from "@/lib/http/safe-callback";

export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  // Overwrites whatever the client sent under this name.
  headers.set(REQUEST_PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Pages only: not the API (which answers 401, not a redirect), Next's own files or static assets.
  matcher: [
    "/((?!api(?:/|$)|_next/|favicon\\.ico$|.*\\.(?:png|jpe?g|gif|svg|ico|webp|txt|xml|map|woff2?|webmanifest)$).*)",
  ],
};
