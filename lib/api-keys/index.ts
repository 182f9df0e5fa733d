export {
  createApiKey,
  createApiKeySchema,
  revokeApiKey,
  listApiKeys,
  authenticateApiKey,
  describeApiKey,
  requireScope,
  type ApiKeyPrincipal,
} from "./api-keys";
export { hashSecret, parseAuthorization } from "./secrets";
