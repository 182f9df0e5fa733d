import "server-only";
import type { Tx } from "../db";
import type { Actor } from "../audit";
import { createPolicyTx } from "./publish-policy";
import { STARTER_PACK } from "./starter-pack";

/** Gives a new workspace the starter policies, published as version 1, in its creating transaction. */
export async function installStarterPack(tx: Tx, { workspaceId, actor }: { workspaceId: string; actor: Actor }) {
  for (const p of STARTER_PACK) {
    await createPolicyTx(tx, {
      workspaceId,
      name: p.name,
      description: p.description,
      set: p.set,
      source: p.source,
      message: "Starter pack",
      actor,
      authorId: null,
    });
  }
}
