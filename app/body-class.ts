/** The page body's look, shared by the root layout and the last-resort page that stands in for it. */
export const BODY_CLASS =
  'min-h-screen bg-slate-50 font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100';
