import { StatusMessage } from "@/components/shell/status-message";

export default function NotFound() {
  return (
    <main>
      <StatusMessage status={404} />
    </main>
  );
}
