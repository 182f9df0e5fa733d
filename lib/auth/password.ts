import bcrypt from "bcryptjs";
import { randomBytes } from "node:crypto";

const DEFAULT_COST = 12;

export function hashPassword(password: string, { cost = DEFAULT_COST }: { cost?: number } = {}): Promise<string> {
  return bcrypt.hash(password, cost);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

/** A password people can type: 18 characters from a 56-letter alphabet (~104 bits). */
export function generatePassword(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  const bytes = randomBytes(18);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join("");
}

export const PASSWORD_MIN_LENGTH = 8;
