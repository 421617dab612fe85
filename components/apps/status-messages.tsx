'use client';

export type Messages = { success?: string; error?: string };

/**
 * The outcome of the last action. Both live regions are always in the page,
 * so screen readers announce each new message (polite for success, assertive
 * for errors).
 */
export function StatusMessages({ messages }: { messages: Messages }) {
  return (
    <>
      <div role="status" className="empty:hidden">
        {messages.success && (
          <p className="rounded-lg border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100">
            {messages.success}
          </p>
        )}
      </div>
      <div role="alert" className="empty:hidden">
        {messages.error && (
          <p className="rounded-lg border border-red-200 bg-red-50 p-3 text-sm text-red-900 dark:border-red-800 dark:bg-red-950 dark:text-red-100">
            {messages.error}
          </p>
        )}
      </div>
    </>
  );
}
