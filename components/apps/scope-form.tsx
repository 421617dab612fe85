'use client';
/**
 * The app's granted permissions as checkboxes. Unticking narrows what the app
 * may do; Save is enabled only when something changed; unticking everything
 * turns Save into the revoke flow, since an app with no permission is an app
 * with no access.
 */
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { AppSummary } from '@/lib/grants/types';
import { useUpdateScopes } from './use-app-mutations';
import { useErrorText } from './use-error-text';

export type Announce = (message: { tone: 'success' | 'error'; text: string }) => void;

type Props = {
  app: AppSummary;
  onRevokeRequested: () => void;
  announce: Announce;
};

export function ScopeForm({ app, onRevokeRequested, announce }: Props) {
  const t = useTranslations('app');
  const errorText = useErrorText();
  const update = useUpdateScopes();
  const granted = app.scopes.map((scope) => scope.name);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set(granted));
  const changed = selected.size !== granted.length || granted.some((scope) => !selected.has(scope));
  const nothingLeft = selected.size === 0;

  function toggle(scope: string, on: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(scope);
      else next.delete(scope);
      return next;
    });
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (nothingLeft) return onRevokeRequested();
    try {
      // mutateAsync settles even though this form remounts when the refreshed scopes arrive.
      const updated = await update.mutateAsync({
        clientId: app.clientId,
        scopes: granted.filter((scope) => selected.has(scope)),
      });
      announce({ tone: 'success', text: t('saved', { app: updated.name }) });
    } catch (error) {
      announce({ tone: 'error', text: errorText(error) });
    }
  }

  const legendId = `scopes-${app.clientId}`;
  return (
    <form onSubmit={submit} aria-labelledby={legendId}>
      <fieldset disabled={update.isPending}>
        <legend id={legendId} className="text-sm font-semibold text-slate-900 dark:text-white">
          {t('permissions', { app: app.name })}
        </legend>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('permissionsHint')}</p>
        <ul className="mt-3 space-y-2">
          {app.scopes.map((scope) => (
            <li key={scope.name}>
              <label className="flex cursor-pointer items-start gap-3 rounded-lg p-2 hover:bg-slate-50 dark:hover:bg-slate-700/40">
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope.name}
                  checked={selected.has(scope.name)}
                  onChange={(event) => toggle(scope.name, event.target.checked)}
                  className="mt-0.5 size-5 shrink-0 accent-indigo-600"
                />
                <span className="min-w-0">
                  <span className="block text-sm text-slate-900 dark:text-slate-100">
                    {scope.description}
                  </span>
                  <code className="block text-xs break-all text-slate-500 dark:text-slate-400">
                    {scope.name}
                  </code>
                </span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="mt-3">
        <Button
          type="submit"
          variant={nothingLeft ? 'danger' : 'primary'}
          disabled={!changed}
          pending={update.isPending}
          pendingLabel={t('saving')}
        >
          {nothingLeft ? t('removeAccess') : t('save')}
        </Button>
      </div>
    </form>
  );
}
