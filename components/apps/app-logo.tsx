'use client';
import { useTranslations } from 'next-intl';
import { useCallback, useState } from 'react';

// Literal class names so Tailwind keeps them; the colour is picked from the app's ID, stable across visits.
const MONOGRAM_COLOURS = [
  'bg-indigo-100 text-indigo-800 dark:bg-indigo-900 dark:text-indigo-100',
  'bg-emerald-100 text-emerald-800 dark:bg-emerald-900 dark:text-emerald-100',
  'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100',
  'bg-rose-100 text-rose-800 dark:bg-rose-900 dark:text-rose-100',
  'bg-sky-100 text-sky-800 dark:bg-sky-900 dark:text-sky-100',
  'bg-violet-100 text-violet-800 dark:bg-violet-900 dark:text-violet-100',
];

function monogram(name: string): string {
  const letters = [...name.trim()].filter((char) => /[\p{L}\p{N}]/u.test(char));
  return (letters[0] ?? '?').toUpperCase();
}

function colourFor(clientId: string): string {
  let hash = 0;
  for (const char of clientId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return MONOGRAM_COLOURS[hash % MONOGRAM_COLOURS.length]!;
}

/** The app's logo, or its first letter when it has none or the image fails to load. */
export function AppLogo({
  name,
  clientId,
  logoUrl,
}: {
  name: string;
  clientId: string;
  logoUrl: string | null;
}) {
  const t = useTranslations('app');
  // The URL that failed, not a flag: a new logo URL (another language's, say) gets its own try.
  const [brokenUrl, setBrokenUrl] = useState<string | null>(null);
  const markBroken = useCallback(() => setBrokenUrl(logoUrl), [logoUrl]);
  // A server-rendered logo can fail before React hydrates, and that error event is never
  // heard: ask an image that has already finished whether it decodes (a broken one rejects).
  const checkFinishedImage = useCallback(
    (image: HTMLImageElement | null) => {
      if (image?.complete) image.decode().catch(markBroken);
    },
    [markBroken],
  );
  const box = 'size-12 shrink-0 rounded-xl';
  if (logoUrl && logoUrl !== brokenUrl) {
    return (
      // Logos come from arbitrary app hosts, so next/image's optimizer (which needs a host allow-list) does not apply.
      // eslint-disable-next-line @next/next/no-img-element
      <img
        ref={checkFinishedImage}
        src={logoUrl}
        alt={t('logoAlt', { app: name })}
        width={48}
        height={48}
        referrerPolicy="no-referrer"
        className={`${box} bg-white object-contain ring-1 ring-slate-200 dark:ring-slate-700`}
        onError={markBroken}
      />
    );
  }
  return (
    <span
      role="img"
      aria-label={t('logoAlt', { app: name })}
      className={`${box} flex items-center justify-center text-xl font-bold ${colourFor(clientId)}`}
    >
      {monogram(name)}
    </span>
  );
}
