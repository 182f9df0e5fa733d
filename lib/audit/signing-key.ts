// The installation's Ed25519 key that signs audit checkpoints and evidence packs: from
// ARBITER_SIGNING_KEY (required with DATABASE_URL; `npm run audit:keygen` makes one), else a key
// generated once into the embedded data folder. Every instance on one database needs the same key.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { keyIdOf } from "./checkpoint-statement";

export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM, for people and most libraries. */
  publicKeyPem: string;
  /** The raw 32 bytes in base64, as `npm run verify -- --public-key` also takes it. */
  publicKeyBase64: string;
}

export const SIGNING_KEY_FILE = "audit-signing-key";

/** A new key as ARBITER_SIGNING_KEY takes it: PKCS#8 DER in base64, one line. */
export function generateSigningKeyText(): string {
  const { privateKey } = generateKeyPairSync("ed25519");
  return privateKey.export({ format: "der", type: "pkcs8" }).toString("base64");
}

/** Reads ARBITER_SIGNING_KEY's forms: PKCS#8 PEM, or PKCS#8 DER in base64. Throws on anything else. */
export function readSigningKey(text: string): SigningKey {
  const trimmed = text.trim();
  const privateKey = trimmed.startsWith("-----BEGIN")
    ? createPrivateKey(trimmed)
    : createPrivateKey({ key: Buffer.from(trimmed, "base64"), format: "der", type: "pkcs8" });
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("ARBITER_SIGNING_KEY must be an Ed25519 key");
  const publicKey = createPublicKey(privateKey);
  return {
    keyId: keyIdOf(publicKey),
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ format: "pem", type: "spki" }).toString(),
    publicKeyBase64: Buffer.from(publicKey.export({ format: "jwk" }).x!, "base64url").toString("base64"),
  };
}

/** The embedded installation's key text, generated into `dataDir` on first use (mode 0600). */
export function dataDirSigningKey(dataDir: string): string {
  const file = path.join(dataDir, SIGNING_KEY_FILE);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const text = generateSigningKeyText();
  writeFileSync(file, text, { mode: 0o600, flag: "wx" });
  return text;
}

let cached: SigningKey | undefined;

/** This installation's key (start.ts always hands the server ARBITER_SIGNING_KEY). */
export function signingKey(): SigningKey {
  cached ??= readSigningKey(
    process.env.ARBITER_SIGNING_KEY || dataDirSigningKey(path.resolve(process.env.ARBITER_DATA_DIR || "./.data")),
  );
  return cached;
}

/** Base64 Ed25519 signature of `message` with the installation's key. */
export function signText(message: string, key: SigningKey = signingKey()): string {
  return sign(null, Buffer.from(message), key.privateKey).toString("base64");
}
