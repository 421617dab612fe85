/** Placeholder cards shaped like the list, shown while a page loads. */
export function AppListSkeleton({ count = 3 }: { count?: number }) {
  return (
    <ul className="space-y-4" aria-hidden="true">
      {Array.from({ length: count }, (_, index) => (
        <li
          key={index}
          className="rounded-2xl border border-slate-200 bg-white p-4 sm:p-6 dark:border-slate-700 dark:bg-slate-800"
        >
          <div className="flex animate-pulse items-start gap-4">
            <div className="size-12 rounded-xl bg-slate-200 dark:bg-slate-700" />
            <div className="flex-1 space-y-2">
              <div className="h-5 w-1/3 rounded bg-slate-200 dark:bg-slate-700" />
              <div className="h-4 w-1/4 rounded bg-slate-200 dark:bg-slate-700" />
              <div className="h-4 w-2/3 rounded bg-slate-200 dark:bg-slate-700" />
            </div>
          </div>
          <div className="mt-6 animate-pulse space-y-3">
            <div className="h-4 w-1/2 rounded bg-slate-200 dark:bg-slate-700" />
            <div className="h-4 w-2/5 rounded bg-slate-200 dark:bg-slate-700" />
          </div>
        </li>
      ))}
    </ul>
  );
}
