/**
 * First-party apps: the operator's own, marked by a client attribute the operator names
 * (FIRST_PARTY_ATTRIBUTE, default `first_party`) whose value is "true". No bulk action and no
 * clean-up touches them (lib/grants/grant-service.ts); the page says why they cannot be picked.
 * A person may still remove one on its own.
 */
import type { AuthorizedApp } from './grant-store';

export const DEFAULT_FIRST_PARTY_ATTRIBUTE = 'first_party';

/** The app carries the operator's attribute with the value "true" (case and spaces aside). */
export function isFirstParty(app: Pick<AuthorizedApp, 'attributes'>, attribute: string): boolean {
  return app.attributes.some(
    ({ key, value }) => key === attribute && value.trim().toLowerCase() === 'true',
  );
}
