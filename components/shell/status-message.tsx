import Link from "next/link";

/** What a 403 or 404 page says; inside a workspace it sits in the app shell, so nobody is stranded. */
export function StatusMessage({ status }: { status: 403 | 404 }) {
  const text =
    status === 404
      ? { title: "Not found", body: "There is nothing here, or nothing you have access to." }
      : {
          title: "You do not have access to this page",
          body: "Your role in this workspace does not allow it. Ask a workspace admin if you need it.",
        };
  return (
    <div className="grid min-h-[60vh] place-items-center px-4">
      <div className="text-center">
        <p className={status === 404 ? "text-sm font-semibold text-slate-500" : "text-sm font-semibold text-red-600"}>
          {status}
        </p>
        <h1 className="mt-1 text-2xl font-semibold">{text.title}</h1>
        <p className="mt-2 text-sm text-slate-600">{text.body}</p>
        <Link href="/" className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
          Go to your workspace
        </Link>
      </div>
    </div>
  );
}
