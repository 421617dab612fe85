'use server';
/**
 * The apps page's server actions: thin gates onto the data layer (see
 * lib/user-action.ts for the order of checks). The subject is never an input.
 */
import {
  listAppsInputSchema,
  revokeAppInputSchema,
  updateScopesInputSchema,
} from '@/lib/grants/inputs';
import { userAction } from '@/lib/user-action';

/** A page of the signed-in person's apps (pages after the first one the server rendered). */
export const listApps = userAction('listApps', listAppsInputSchema, (input, grants) =>
  grants.listApps(input),
);

/** Narrows what one app may do to the given scopes (a subset of what it holds). */
export const updateScopes = userAction('updateScopes', updateScopesInputSchema, (input, grants) =>
  grants.updateScopes(input.clientId, input.scopes),
);

/** Removes one app's access; succeeds as "already revoked" when it had none. */
export const revokeApp = userAction('revokeApp', revokeAppInputSchema, (input, grants) =>
  grants.revokeApp(input.clientId),
);
