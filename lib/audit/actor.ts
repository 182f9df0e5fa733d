import type { ActorType } from "../db/generated/enums";

/** Who did something: a person, a machine key, an agent, or Arbiter itself. */
export interface Actor {
  type: ActorType;
  id: string | null;
  label: string;
}

export const systemActor: Actor = { type: "SYSTEM", id: null, label: "system" };

export function userActor(user: { id: string; email: string }): Actor {
  return { type: "USER", id: user.id, label: user.email };
}

export function apiKeyActor(key: { id: string; publicKey: string }): Actor {
  return { type: "API_KEY", id: key.id, label: key.publicKey };
}
