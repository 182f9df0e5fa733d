import Link from "next/link";

export default function NotFound() {
  return (
    <main className="grid min-h-[60vh] place-items-center px-4">
      <div className="text-center">
        <p className="text-sm font-semibold text-slate-500">404</p>
        <h1 className="mt-1 text-2xl font-semibold">Not found</h1>
        <p className="mt-2 text-sm text-slate-600">There is nothing here, or nothing you have access to.</p>
        <Link href="/" className="mt-6 inline-block text-sm font-medium text-brand-700 hover:underline">
          Go to your workspace
        </Link>
      </div>
    </main>
  );
}
