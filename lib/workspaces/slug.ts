import { z } from "zod";

// Paths at the root of the app that a workspace slug must not shadow.
const RESERVED = new Set([
  "api",
  "sign-in",
  "sign-out",
  "workspaces",
  "_next",
  "static",
  "public",
  "settings",
  "new",
  "favicon.ico",
]);

export const slugSchema = z
  .string()
  .min(2, "Slug must be at least 2 characters.")
  .max(48, "Slug must be at most 48 characters.")
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, "Slug may contain lowercase letters, digits and dashes.")
  .refine((s) => !RESERVED.has(s), "That slug is reserved.");

export const workspaceNameSchema = z.string().trim().min(2, "Name must be at least 2 characters.").max(80);

export function slugify(name: string): string {
  return name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 48)
    .replace(/-+$/, "");
}
