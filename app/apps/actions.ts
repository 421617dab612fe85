'use server';
/**
 * The apps pages' server actions: thin gates onto the data layer (see
 * lib/user-action.ts for the order of checks). The subject is never an input.
 */
import {
  appInputSchema,
  expiredAppsInputSchema,
  grantInputSchema,
  listAppsInputSchema,
  narrowGrantInputSchema,
  revokeAllAppsInputSchema,
  revokeAppsInputSchema,
  updateScopesInputSchema,
} from '@/lib/grants/inputs';
import { userAction } from '@/lib/user-action';

/** A page of the signed-in person's apps (pages after the first one the server rendered). */
export const listApps = userAction('listApps', listAppsInputSchema, (input, grants) =>
  grants.listApps(input),
);

/** One app the signed-in person has authorized (the detail page after a change). */
export const getApp = userAction('getApp', appInputSchema, (input, grants) =>
  grants.getApp(input.clientId),
);

/** Every grant (sign-in or device) the signed-in person holds for one app. */
export const getGrants = userAction('getGrants', appInputSchema, (input, grants) =>
  grants.getGrants(input.clientId),
);

/**
 * Ends one grant of an app, named by the opaque id the page was given; a made-up or another
 * person's id changes nothing and answers grant_not_found.
 */
export const endGrant = userAction(
  'endGrant',
  grantInputSchema,
  (input, grants) => grants.endGrant(input.clientId, input.grantId),
  { write: { audit: (input) => ({ clientId: input.clientId }) } },
);

/**
 * Narrows one grant of an app to the given scopes, a subset of what that grant holds, leaving the
 * app's other grants as they are; named like endGrant, with the same answer for a made-up id.
 */
export const narrowGrant = userAction(
  'narrowGrant',
  narrowGrantInputSchema,
  (input, grants) => grants.narrowGrant(input.clientId, input.grantId, input.scopes),
  { write: { audit: (input) => ({ clientId: input.clientId, scopes: input.scopes }) } },
);

/**
 * Stops one grant of an app renewing where the backend can (embedded, Authlete v3), named like
 * endGrant; the access it holds lasts until it ends, and the app's other grants stay as they are.
 */
export const stopGrantRenewing = userAction(
  'stopGrantRenewing',
  grantInputSchema,
  (input, grants) => grants.stopGrantRenewing(input.clientId, input.grantId),
  { write: { audit: (input) => ({ clientId: input.clientId }) } },
);

/**
 * Where the backend cannot stop renewal (Authlete v2): ends the person's grants of the app that
 * can still renew, found by the server in its own read; nothing from the browser names them.
 */
export const endRenewingGrants = userAction(
  'endRenewingGrants',
  appInputSchema,
  (input, grants) => grants.endRenewingGrants(input.clientId),
  { write: { audit: (input) => ({ clientId: input.clientId }) } },
);

/**
 * Stops one app renewing its access where the backend can (embedded, Authlete v3); the server
 * finds the grants that can renew in its own read. Access already held lasts until it ends.
 */
export const stopRenewing = userAction(
  'stopRenewing',
  appInputSchema,
  (input, grants) => grants.stopRenewing(input.clientId),
  { write: { audit: (input) => ({ clientId: input.clientId }) } },
);

/** Narrows what one app may do to the given scopes (a subset of what it holds). */
export const updateScopes = userAction(
  'updateScopes',
  updateScopesInputSchema,
  (input, grants) => grants.updateScopes(input.clientId, input.scopes),
  {
    write: { audit: (input) => ({ clientId: input.clientId, scopes: input.scopes }) },
  },
);

/** Removes one app's access; succeeds as "already revoked" when it had none. */
export const revokeApp = userAction(
  'revokeApp',
  appInputSchema,
  (input, grants) => grants.revokeApp(input.clientId),
  {
    write: { audit: (input) => ({ clientId: input.clientId }) },
  },
);

/** Removes the access of the selected apps (recent sign-in required); reports each one. */
export const revokeApps = userAction(
  'revokeApps',
  revokeAppsInputSchema,
  (input, grants) => grants.revokeApps(input.clientIds),
  { recentSignIn: true, write: { audit: (input) => ({ clientIds: input.clientIds }) } },
);

/**
 * Removes the access of every app, up to REVOKE_ALL_LIMIT per request (recent sign-in required);
 * reports each one and how many are left. A bulk counts as one write.
 */
export const revokeAllApps = userAction(
  'revokeAllApps',
  revokeAllAppsInputSchema,
  (_input, grants) => grants.revokeAllApps(),
  { recentSignIn: true, write: { audit: () => ({ clientIds: 'all' }) } },
);

/**
 * How many apps can no longer act without asking again, over the whole list: read only when the
 * person asks (it reads every app's tokens; docs/design-notes.md#clean-up).
 */
export const countExpiredApps = userAction(
  'countExpiredApps',
  expiredAppsInputSchema,
  (_input, grants) => grants.countExpiredApps(),
);

/**
 * Removes, in one step, the apps that can no longer act (every grant expired; never a first-party
 * app), up to BULK_REVOKE_LIMIT per request (recent sign-in required); reports each one and how
 * many are left. Counts as one write.
 */
export const cleanUpExpiredApps = userAction(
  'cleanUpExpiredApps',
  expiredAppsInputSchema,
  (_input, grants) => grants.cleanUpExpiredApps(),
  { recentSignIn: true, write: { audit: () => ({ clientIds: 'expired' }) } },
);
