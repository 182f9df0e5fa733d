import { StatusMessage } from "@/components/shell/status-message";

// Inside the workspace's layout: the sidebar and the workspace switcher stay.
export default function WorkspaceNotFound() {
  return <StatusMessage status={404} />;
}
