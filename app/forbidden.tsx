import { StatusMessage } from "@/components/shell/status-message";

export default function Forbidden() {
  return (
    <main>
      <StatusMessage status={403} />
    </main>
  );
}
