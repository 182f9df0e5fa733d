export { ensureFirstAdmin, DEFAULT_ADMIN_EMAIL } from "./first-admin";
export { ensureInitWorkspace } from "./init-workspace";
export { seedDemo, DEMO_WORKSPACES, DEMO_USERS } from "./seed-demo";
export { runBootstrap, type BootstrapReport } from "./run-bootstrap";
