import type { FieldChange } from "@/lib/audit/event-diff";
import { Table, Td, Th } from "@/components/ui/table";

const show = (v: unknown) => (v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v, null, 1));

export function EventChanges({ changes }: { changes: FieldChange[] }) {
  if (changes.length === 0) return <p className="text-sm text-slate-500">This event records no before or after.</p>;
  return (
    <Table label="Changes">
      <thead>
        <tr>
          <Th>Field</Th>
          <Th>Before</Th>
          <Th>After</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {changes.map((c) => (
          <tr key={c.path}>
            <Td className="font-mono text-xs">{c.path}</Td>
            <Td className="max-w-sm font-mono text-xs break-all whitespace-pre-wrap text-red-800">{show(c.before)}</Td>
            <Td className="max-w-sm font-mono text-xs break-all whitespace-pre-wrap text-emerald-800">
              {show(c.after)}
            </Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
