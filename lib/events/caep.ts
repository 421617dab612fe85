/**
 * How our changes map onto OpenID CAEP 1.0 events and Shared Signals
 * subjects (README, "Run several instances"):
 * - an app loses access (one app, several, a clean-up) or one grant ends →
 *   `session-revoked`: the person's session with that app is over;
 * - an app's permissions are narrowed, or one grant's → `token-claims-change`
 *   with `claims.scope`, the space-separated scopes it (or that grant) keeps;
 * - an app's renewal is stopped → no event: its session is not over (the
 *   access it holds still works until it expires) and no claim changed, and
 *   CAEP has no event type for "can no longer renew" (docs/design-notes.md).
 * The subject is a complex subject: the person as `iss_sub` (the issuer whose
 * subjects these are, and theirs) and the app as `opaque` (its client ID).
 *
 * https://openid.net/specs/openid-caep-1_0-final.html
 * https://openid.net/specs/openid-sharedsignals-framework-1_0-final.html
 */
import { isNarrowing, type HistoryKind } from '../store/history-kinds';

export const SESSION_REVOKED =
  'https://schemas.openid.net/secevent/caep/event-type/session-revoked';
export const TOKEN_CLAIMS_CHANGE =
  'https://schemas.openid.net/secevent/caep/event-type/token-claims-change';

export type ComplexSubject = {
  format: 'complex';
  user: { format: 'iss_sub'; iss: string; sub: string };
  application: { format: 'opaque'; id: string };
};

export function subjectOf({
  subjectIssuer,
  subject,
  clientId,
}: {
  subjectIssuer: string;
  subject: string;
  clientId: string;
}): ComplexSubject {
  return {
    format: 'complex',
    user: { format: 'iss_sub', iss: subjectIssuer, sub: subject },
    application: { format: 'opaque', id: clientId },
  };
}

/** Whether a change of this kind is announced at all (see above). */
export function announces(kind: HistoryKind): boolean {
  return kind !== 'renewal_stopped';
}

/** The `events` claim of one change to one app. */
export function caepEvent(
  kind: HistoryKind,
  { scopesKept, at }: { scopesKept?: readonly string[]; at: number },
): Record<string, Record<string, unknown>> {
  const common = { event_timestamp: Math.floor(at / 1000), initiating_entity: 'user' };
  if (isNarrowing(kind))
    return {
      [TOKEN_CLAIMS_CHANGE]: { ...common, claims: { scope: (scopesKept ?? []).join(' ') } },
    };
  return { [SESSION_REVOKED]: common };
}
