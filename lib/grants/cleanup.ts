/**
 * The clean-up rule: which apps can no longer act without asking the person again. An app the
 * service still lists, every one of whose grants has expired — access and renewal alike
 * (lib/grants/live-tokens.ts) — can do nothing until the person signs in to it again; removing it
 * loses nothing. First-party apps (lib/grants/first-party.ts) are never picked. Not the
 * "not renewed for 90 days" filter: such an app may still be in use, so it stays a filter.
 */
import type { AuthorizedApp } from './grant-store';
import { isFirstParty } from './first-party';
import { isLive } from './live-tokens';

/** Every grant's access and renewal have expired (an app with no grant is not listed at all). */
export function canNoLongerAct(app: Pick<AuthorizedApp, 'tokens'>, now: number): boolean {
  return app.tokens.length > 0 && app.tokens.every((token) => !isLive(token, now));
}

/** The apps the clean-up removes, in the order given: expired through and through, not first-party. */
export function cleanUpCandidates<App extends Pick<AuthorizedApp, 'tokens' | 'attributes'>>(
  apps: readonly App[],
  firstPartyAttribute: string,
  now: number,
): App[] {
  return apps.filter((app) => canNoLongerAct(app, now) && !isFirstParty(app, firstPartyAttribute));
}
