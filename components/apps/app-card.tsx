'use client';
/**
 * One app with access: who made it, since when, what it can do, and the
 * controls to narrow or remove that. In the list it links to the app's own
 * page and can be selected for bulk removal; on that page it shows the
 * technical details too.
 */
import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { useOpenedOnce } from '@/components/ui/use-opened-once';
import type { AppSummary, RevokeOutcome } from '@/lib/grants/types';
import { AppDates } from './app-dates';
import { AppLogo } from './app-logo';
import { ExplainedBadge } from './explained-badge';
import { PublisherLink } from './publisher-link';
import { RevokeDialog } from './revoke-dialog';
import { ScopeForm, type Announce } from './scope-form';
import { offersStopRenewing, StopRenewing } from './stop-renewing';

type Props = {
  app: AppSummary;
  announce: Announce;
  onRevoked: (app: AppSummary, outcome: RevokeOutcome) => void;
  variant?: 'list' | 'detail';
  /** present in the list: bulk selection */
  selection?: { selected: boolean; onChange: (selected: boolean) => void };
};

export function AppCard({ app, announce, onRevoked, variant = 'list', selection }: Props) {
  const t = useTranslations('app');
  const tApps = useTranslations('apps');
  const tGrants = useTranslations('grants');
  const [revokeOpen, setRevokeOpen] = useState(false);
  const revokeMounted = useOpenedOnce(revokeOpen);
  // Outlives the scope form, which a save remounts: see ScopeForm.
  const scopeSaveInFlightRef = useRef(false);
  // Where focus goes once "Stop renewing" is done and its button has gone with the badge: asked
  // in the render that closes its dialog, so the page is no longer inert when it moves.
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [headingFocusRequest, setHeadingFocusRequest] = useState(0);
  useEffect(() => {
    if (headingFocusRequest > 0) headingRef.current?.focus();
  }, [headingFocusRequest]);
  const headingId = `app-${app.clientId}`;
  const firstPartyId = `first-party-${app.clientId}`;
  const HeadingTag = variant === 'detail' ? 'h1' : 'h2';
  const links = [
    { href: app.homepageUrl, label: t('homepage') },
    { href: app.privacyPolicyUrl, label: t('privacyPolicy') },
    { href: app.termsUrl, label: t('terms') },
  ].filter((link): link is { href: string; label: string } => link.href !== null);

  return (
    <article
      aria-labelledby={headingId}
      className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-6 dark:border-slate-700 dark:bg-slate-800"
    >
      <header className="flex items-start gap-4">
        {selection && (
          <input
            type="checkbox"
            checked={selection.selected && !app.firstParty}
            // A first-party app is left alone by every bulk action (the server insists); the note says why.
            disabled={app.firstParty}
            aria-describedby={app.firstParty ? firstPartyId : undefined}
            onChange={(event) => selection.onChange(event.target.checked)}
            aria-label={tApps('selectApp', { app: app.name })}
            className="mt-3.5 size-5 shrink-0 accent-indigo-600"
          />
        )}
        <AppLogo name={app.name} clientId={app.clientId} logoUrl={app.logoUrl} />
        <div className="min-w-0 flex-1">
          <HeadingTag
            id={headingId}
            ref={headingRef}
            tabIndex={-1}
            lang={app.nameLang}
            className={`${variant === 'detail' ? 'text-2xl font-bold' : 'text-lg font-semibold'} break-words text-slate-900 dark:text-white`}
          >
            {variant === 'list' ? (
              <Link href={`/apps/${app.clientId}`} className="underline-offset-2 hover:underline">
                {app.name}
              </Link>
            ) : (
              app.name
            )}
          </HeadingTag>
          {app.developer && <PublisherLink developer={app.developer} />}
          <AppDates authorizedAt={app.authorizedAt} lastActiveAt={app.lastActiveAt} />
          <p className="text-sm text-slate-600 dark:text-slate-300">
            {app.newestGrantLabel
              ? tGrants('countWithNewest', { count: app.tokenCount, label: app.newestGrantLabel })
              : tGrants('count', { count: app.tokenCount })}
          </p>
          {app.offlineAccess && (
            <p className="mt-2 inline-flex items-center rounded-full bg-amber-100 px-2.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900/60 dark:text-amber-100">
              {t('offlineAccess')}
            </p>
          )}
          {offersStopRenewing(app) && (
            <div>
              <StopRenewing
                app={app}
                announce={announce}
                onGone={(outcome) => onRevoked(app, outcome)}
                onStopped={() => setHeadingFocusRequest((count) => count + 1)}
              />
            </div>
          )}
          {/* Came through dynamic client registration, OpenID Federation or a client ID metadata
              document rather than registered by the operators (more and more AI agents do). */}
          {app.selfRegistration && (
            <ExplainedBadge
              tone="sky"
              label={t('selfRegistered')}
              why={t(`selfRegisteredWhy.${app.selfRegistration}`)}
            />
          )}
          {/* The operator's own (FIRST_PARTY_ATTRIBUTE): bulk removal and the clean-up leave it
              alone, and the line says why it cannot be picked. */}
          {app.firstParty && (
            <ExplainedBadge
              id={firstPartyId}
              tone="emerald"
              label={t('firstParty')}
              why={t('firstPartyWhy')}
            />
          )}
          {app.canNoLongerAct && (
            <p className="mt-2 inline-flex items-center rounded-full bg-slate-200 px-2.5 py-0.5 text-xs font-medium text-slate-800 dark:bg-slate-700 dark:text-slate-100">
              {t('canNoLongerAct')}
            </p>
          )}
        </div>
      </header>

      {app.description && (
        <p lang={app.descriptionLang} className="mt-3 text-sm text-slate-700 dark:text-slate-200">
          {app.description}
        </p>
      )}

      <div className="mt-4 border-t border-slate-100 pt-4 dark:border-slate-700">
        <ScopeForm
          key={app.scopes.map((scope) => scope.name).join(' ')}
          app={app}
          announce={announce}
          onRevokeRequested={() => setRevokeOpen(true)}
          technical={variant === 'detail'}
          saveInFlightRef={scopeSaveInFlightRef}
        />
      </div>

      {variant === 'detail' && (
        <dl className="mt-4 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 border-t border-slate-100 pt-4 text-sm dark:border-slate-700">
          <dt className="font-medium">{t('appId')}</dt>
          <dd className="font-mono break-all">{app.clientId}</dd>
          <dt className="font-medium">{t('tokenCount')}</dt>
          <dd>{app.tokenCount}</dd>
        </dl>
      )}

      <footer className="mt-4 flex flex-col gap-3 border-t border-slate-100 pt-4 sm:flex-row sm:items-center sm:justify-between dark:border-slate-700">
        {links.length > 0 ? (
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {links.map((link) => (
              <li key={link.label}>
                <a
                  href={link.href}
                  target="_blank"
                  rel="noopener noreferrer"
                  className="text-indigo-700 underline underline-offset-2 dark:text-indigo-300"
                >
                  {link.label}
                  <span className="sr-only"> {t('opensInNewTab')}</span>
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <span />
        )}
        <Button variant="ghost" onClick={() => setRevokeOpen(true)} aria-describedby={headingId}>
          {t('removeAccess')}
        </Button>
      </footer>

      {revokeMounted && (
        <RevokeDialog
          app={app}
          open={revokeOpen}
          onOpenChange={setRevokeOpen}
          onRevoked={(outcome) => onRevoked(app, outcome)}
          onFailed={(text) => announce({ tone: 'error', text })}
        />
      )}
    </article>
  );
}
