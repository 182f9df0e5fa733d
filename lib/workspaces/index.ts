export { createWorkspace, assertCanCreateWorkspace } from "./create-workspace";
export { renameWorkspace } from "./rename-workspace";
export { listWorkspacesForUser, findMembership } from "./queries";
export { slugify, slugSchema, workspaceNameSchema } from "./slug";
export { workspaceOverview, recentAuditEvents, decisionsByDay, agentsNeedingAttention } from "./overview";
export { setSpanBodyAccess, spanBodyAccess } from "./span-bodies";
