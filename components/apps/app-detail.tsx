'use client';
/** The detail page's body: the app's card in full, and what happened after a change. */
import { useQuery } from '@tanstack/react-query';
import { useFormatter, useLocale, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useState } from 'react';
import { getApp } from '@/app/apps/actions';
import { unwrap } from '@/lib/action-result';
import { appsKeys } from '@/lib/query';
import { AppCard } from './app-card';
import { GrantList } from './grant-list';
import type { Announce } from './scope-form';
import { StatusMessages, type Messages } from './status-messages';

export function AppDetail({ clientId }: { clientId: string }) {
  const t = useTranslations('app');
  const tGrants = useTranslations('grants');
  const format = useFormatter();
  const locale = useLocale();
  const [messages, setMessages] = useState<Messages>({});
  const [revoked, setRevoked] = useState(false);
  const query = useQuery({
    queryKey: appsKeys.detail(locale, clientId),
    queryFn: async () => unwrap(await getApp({ clientId })),
    // After a revoke the app is gone by design; do not ask again.
    enabled: !revoked,
  });
  const announce: Announce = ({ tone, text }) =>
    setMessages(tone === 'success' ? { success: text } : { error: text });

  return (
    <div className="space-y-6">
      <Link
        href="/apps"
        className="inline-block text-sm text-indigo-700 underline dark:text-indigo-300"
      >
        ← {t('backToList')}
      </Link>
      <StatusMessages messages={messages} />
      {query.data && !revoked && (
        <AppCard
          app={query.data}
          variant="detail"
          announce={announce}
          onRevoked={(app, outcome) => {
            setRevoked(true);
            setMessages({
              success: [
                t(outcome.alreadyRevoked ? 'alreadyRevoked' : 'revoked', { app: app.name }),
                ...(outcome.consentForgotten ? [t('consentForgotten')] : []),
              ].join(' '),
            });
          }}
        />
      )}
      {query.data && !revoked && (
        <GrantList
          clientId={clientId}
          appName={query.data.name}
          onEnded={(grant, result) => {
            const app = query.data.name;
            if (!result.app) setRevoked(true);
            setMessages({
              success: tGrants(
                result.alreadyEnded ? 'alreadyEnded' : result.app ? 'ended' : 'lastEnded',
                { grant, app },
              ),
            });
          }}
          onNarrowed={(grant, result) => {
            const app = query.data.name;
            if (!result.app) setRevoked(true);
            const lines = [
              tGrants(result.alreadyEnded || !result.app ? 'alreadyEnded' : 'narrowed', {
                grant,
                app,
              }),
            ];
            if (result.renewalKeeps.length > 0)
              lines.push(
                tGrants('narrowRenewalKeeps', {
                  grant,
                  scopes: result.renewalKeeps.map((scope) => scope.description).join(', '),
                }),
              );
            setMessages({ success: lines.join(' ') });
          }}
          onRenewalStopped={(grant, accessEndsAt, result) => {
            const app = query.data.name;
            if (!result.app) setRevoked(true);
            const ends = new Date(accessEndsAt);
            setMessages({
              success: !result.app
                ? tGrants('alreadyEnded', { grant, app })
                : !result.stopped
                  ? tGrants('alreadyStopped', { grant })
                  : ends.getTime() > Date.now()
                    ? tGrants('stopped', {
                        grant,
                        until: format.dateTime(ends, { dateStyle: 'medium', timeStyle: 'short' }),
                      })
                    : tGrants('stoppedNoAccess', { grant }),
            });
          }}
        />
      )}
    </div>
  );
}
