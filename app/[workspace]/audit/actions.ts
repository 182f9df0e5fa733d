"use server";

import { workspaceAction } from "@/lib/http/server-action";
import { verifyChainDef } from "./action-defs";

export const verifyChainAction = workspaceAction(verifyChainDef.config, verifyChainDef.handler);
