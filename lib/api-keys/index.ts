export {
  createApiKey,
  createApiKeySchema,
  revokeApiKey,
  listApiKeys,
  authenticateApiKey,
  requireScope,
  type ApiKeyPrincipal,
} from "./api-keys";
export { hashSecret, parseAuthorization } from "./secrets";
