// The installation's public key, which verifies its signed audit checkpoints and evidence packs.
// Public by design (as a JWKS is): it proves, it grants nothing.
import { signingKey } from "@/lib/audit/signing-key";
import { errorResponse } from "@/lib/http/api-route";

export const dynamic = "force-dynamic";

export async function GET() {
  try {
    const key = signingKey();
    return Response.json(
      {
        algorithm: "Ed25519",
        keyId: key.keyId,
        publicKeyPem: key.publicKeyPem,
        publicKeyBase64: key.publicKeyBase64,
      },
      { headers: { "cache-control": "public, max-age=300" } },
    );
  } catch (error) {
    return errorResponse(error);
  }
}
