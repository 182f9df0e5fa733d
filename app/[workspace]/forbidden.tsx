import { StatusMessage } from "@/components/shell/status-message";

// Inside the workspace's layout: the sidebar and the workspace switcher stay.
export default function WorkspaceForbidden() {
  return <StatusMessage status={403} />;
}
