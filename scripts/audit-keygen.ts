// npm run audit:keygen — prints a new Ed25519 key for ARBITER_SIGNING_KEY, and its public half.
import { generateSigningKeyText, readSigningKey } from "../lib/audit/signing-key";

const text = generateSigningKeyText();
const key = readSigningKey(text);
console.log(`ARBITER_SIGNING_KEY=${text}`);
console.error(`\n# key id ${key.keyId}; its public key (give it to your auditors):\n${key.publicKeyPem}`);
