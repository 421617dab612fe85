/**
 * A badge on an app's card with one line beneath it saying what it means and why. The line
 * describes the badge; `id` names the line for other controls it explains too (a disabled
 * checkbox), else it gets one of its own.
 */
import { useId } from 'react';

/** Whole class names, so that Tailwind finds them in the source. */
const TONES = {
  emerald: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/60 dark:text-emerald-100',
  sky: 'bg-sky-100 text-sky-900 dark:bg-sky-900/60 dark:text-sky-100',
} as const;

type Props = { label: string; why: string; tone: keyof typeof TONES; id?: string };

export function ExplainedBadge({ label, why, tone, id }: Props) {
  const ownId = useId();
  const whyId = id ?? ownId;
  return (
    <div className="mt-2">
      <p
        aria-describedby={whyId}
        className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ${TONES[tone]}`}
      >
        {label}
      </p>
      <p id={whyId} className="mt-1 text-xs text-slate-600 dark:text-slate-300">
        {why}
      </p>
    </div>
  );
}
