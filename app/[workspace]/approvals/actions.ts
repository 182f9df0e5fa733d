"use server";

import { workspaceAction } from "@/lib/http/server-action";
import { bulkDecideDef, decideApprovalDef } from "./action-defs";

export const decideApprovalAction = workspaceAction(decideApprovalDef.config, decideApprovalDef.handler);
export const bulkDecideAction = workspaceAction(bulkDecideDef.config, bulkDecideDef.handler);
