import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="grid min-h-[60vh] place-items-center px-4">
      <div className="text-center">
        <p className="text-sm font-semibold text-red-600">403</p>
        <h1 className="mt-1 text-2xl font-semibold">You do not have access to this page</h1>
        <p className="mt-2 text-sm text-slate-600">
          Your role in this workspace does not allow it. Ask a workspace admin if you need it.
        </p>
        <Link href="/" className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
          Go to your workspace
        </Link>
      </div>
    </main>
  );
}
