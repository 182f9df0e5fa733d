import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { env, type Env } from "../env";
import { signInWithPassword } from "./sign-in";
import { signInWithOidc } from "./oidc-sign-in";

const credentialsSchema = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1024) });

function clientIp(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  const real = headers?.["x-real-ip"];
  return first || (typeof real === "string" ? real : "") || "unknown";
}

export function oidcProviders(e: Env = env()): NextAuthOptions["providers"] {
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return [];
  return [
    {
      id: "oidc",
      name: e.OIDC_NAME,
      type: "oauth",
      wellKnown: `${e.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      authorization: { params: { scope: "openid email profile" } },
      idToken: true,
      checks: ["pkce", "state"],
      profile(profile: { sub: string; email?: string; name?: string; preferred_username?: string }) {
        return {
          id: profile.sub,
          email: profile.email,
          name: profile.name ?? profile.preferred_username ?? profile.email,
        };
      },
    },
  ];
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) throw new Error("Enter your email and password.");
        const result = await signInWithPassword({ ...parsed.data, ip: clientIp(request?.headers) });
        // NextAuth passes the thrown message to the sign-in page.
        if (!result.ok) throw new Error(result.message);
        return result.user;
      },
    }),
    ...oidcProviders(),
  ],
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider !== "oidc") return true;
      const email = (profile as { email?: string } | undefined)?.email;
      if (!email || !account.providerAccountId) return "/sign-in?error=OidcNoEmail";
      return true;
    },
    async jwt({ token, user, account, profile }) {
      if (account?.provider === "oidc" && profile) {
        const p = profile as { sub?: string; email?: string; name?: string };
        const dbUser = await signInWithOidc({
          subject: account.providerAccountId,
          email: p.email ?? "",
          name: p.name ?? "",
        });
        token.uid = dbUser.id;
      } else if (user) {
        token.uid = user.id;
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: typeof token.uid === "string" ? token.uid : undefined };
    },
  },
};

export function oidcEnabled(): boolean {
  return oidcProviders().length > 0;
}

export function oidcName(): string {
  return env().OIDC_NAME;
}
