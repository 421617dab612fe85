'use client';
/**
 * The last-resort page: shown in place of the root layout when the layout itself failed, so
 * neither the message catalogue nor the locale it negotiates is there (app/layout.tsx). It says
 * what happened in both of the product's languages and offers a reload. It replaces Next's
 * built-in one, whose inline <style> and style attributes were the only reason the
 * Content-Security-Policy allowed inline styles (lib/security-headers.ts); this one is styled by
 * the app's own stylesheet.
 */
import { GLOBAL_ERROR_WORDS } from '@/lib/i18n/global-error-words';
import { BODY_CLASS } from './body-class';
import './globals.css';

export default function GlobalError() {
  return (
    <html lang="en">
      <body className={BODY_CLASS}>
        <main id="main" className="mx-auto max-w-3xl px-4 py-16">
          <div
            role="alert"
            className="space-y-6 rounded-2xl border border-red-200 bg-red-50 p-6 dark:border-red-800 dark:bg-red-950"
          >
            {GLOBAL_ERROR_WORDS.map((words) => (
              <section key={words.lang} lang={words.lang}>
                <h1 className="text-xl font-semibold text-red-900 dark:text-red-100">
                  {words.title}
                </h1>
                <p className="mt-2 text-red-900 dark:text-red-100">{words.body}</p>
                {/* A GET form back to this page reloads it before any script has loaded (a
                    broken page may never get that far); once scripts run, a reload keeps the
                    query too. */}
                <form
                  className="mt-4"
                  onSubmit={(event) => {
                    event.preventDefault();
                    window.location.reload();
                  }}
                >
                  {/* Button's look without components/ui/button.tsx: every page loads this module,
                      and that one would bring its spinner into every page's first load. */}
                  <button
                    type="submit"
                    className="inline-flex min-h-10 items-center rounded-lg bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500"
                  >
                    {words.reload}
                  </button>
                </form>
              </section>
            ))}
          </div>
        </main>
      </body>
    </html>
  );
}
