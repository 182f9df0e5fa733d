export {
  appendAuditEvent,
  appendAuditEventSql,
  appendAuditEventsSql,
  appendAfterHead,
  readChainHead,
  type ChainHead,
  chainOf,
  type AuditInput,
} from "./append-audit-event";
export {
  verifyAuditChain,
  verifyIncrementally,
  readChainState,
  type ChainReport,
  type ChainBreak,
  type ChainState,
} from "./verify-audit-chain";
export { systemActor, userActor, apiKeyActor, type Actor } from "./actor";
