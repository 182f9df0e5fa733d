import "server-only";
import { getServerSession } from "next-auth";
import { db } from "../db";
import { authOptions } from "./options";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

/**
 * The signed-in user, read fresh from the database on every request: a removed user or a
 * changed role takes effect on the next request, not the next sign-in.
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = (await getServerSession(authOptions)) as { uid?: string } | null;
  if (!session?.uid) return null;
  return db().user.findUnique({ where: { id: session.uid }, select: { id: true, email: true, name: true } });
}
