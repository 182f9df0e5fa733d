import { keyRoute } from "@/lib/http/machine-routes";

// Served by the data-plane server in production; this handler serves development and tests.
export const GET = keyRoute.next;
