// Reads and validates the environment once. A wrong setting fails fast with a message that
// names the variable.
import { z } from "zod";

const flag = z
  .enum(["0", "1", "true", "false"])
  .transform((v) => v === "1" || v === "true")
  .optional();

const envSchema = z
  .object({
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
      .optional(),
    ARBITER_DATA_DIR: z.string().min(1).default("./.data"),
    NEXTAUTH_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
    NEXTAUTH_URL: z.url().optional(),
    ARBITER_ADMIN_EMAIL: z.email().optional(),
    ARBITER_ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
    ARBITER_DEMO: flag,
    ARBITER_DEMO_TRACES: z.coerce.number().int().min(0).max(100_000).default(120),
    ARBITER_INIT_WORKSPACE: z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, "must be a lowercase slug")
      .optional(),
    ARBITER_INIT_PUBLIC_KEY: z.string().min(8).max(200).optional(),
    ARBITER_INIT_SECRET_KEY: z.string().min(16, "must be at least 16 characters").max(200).optional(),
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    OIDC_NAME: z.string().min(1).default("SSO"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    ARBITER_INGEST_MAX_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .max(1024 * 1024 * 1024)
      .default(16 * 1024 * 1024),
    ARBITER_INGEST_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
    ARBITER_DECIDE_CONCURRENCY: z.coerce.number().int().min(1).max(4096).default(64),
    // How long an idle workspace's first decision waits for others to share its write (0: none).
    ARBITER_DECIDE_COMMIT_WINDOW_MS: z.coerce.number().min(0).max(50).default(0),
    // Read where webhooks are sent (lib/outbox/target-guard.ts); validated here so a typo fails the start.
    ARBITER_WEBHOOK_ALLOW_PRIVATE: flag,
    ARBITER_SIGNING_SECRET: z.string().min(16, "must be at least 16 characters").optional(),
    // The Ed25519 key that signs audit checkpoints and evidence packs (lib/audit/signing-key.ts).
    ARBITER_SIGNING_KEY: z.string().min(40, "must be an Ed25519 key (npm run audit:keygen)").optional(),
    // A checkpoint per chain every so many events, or every so many minutes when fewer came.
    ARBITER_CHECKPOINT_EVERY_EVENTS: z.coerce.number().int().min(1).max(100_000).default(1000),
    ARBITER_CHECKPOINT_EVERY_MINUTES: z.coerce.number().min(0.05).max(1440).default(5),
    // A folder that receives a copy of every checkpoint (point it at write-once storage).
    ARBITER_CHECKPOINT_DIR: z.string().min(1).optional(),
  })
  .superRefine((env, ctx) => {
    const init = [env.ARBITER_INIT_WORKSPACE, env.ARBITER_INIT_PUBLIC_KEY, env.ARBITER_INIT_SECRET_KEY];
    if (init.some(Boolean) && !init.every(Boolean)) {
      ctx.addIssue({
        code: "custom",
        path: ["ARBITER_INIT_WORKSPACE"],
        message: "ARBITER_INIT_WORKSPACE, ARBITER_INIT_PUBLIC_KEY and ARBITER_INIT_SECRET_KEY go together",
      });
    }
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_ISSUER"],
        message: "OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET go together",
      });
    }
    if (env.DATABASE_URL && !env.NEXTAUTH_SECRET && process.env.NODE_ENV === "production") {
      ctx.addIssue({
        code: "custom",
        path: ["NEXTAUTH_SECRET"],
        message: "is required when DATABASE_URL is set",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty strings count as unset, as they do in most deployment tools.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

export function demoEnabled(e: Env = env()): boolean {
  return e.ARBITER_DEMO ?? !e.DATABASE_URL;
}
