/**
 * The transmitter of this process: the signing key read once from
 * SSF_SIGNING_KEY, and the change events the seam enqueues — only when a
 * receiver is configured (SSF_PUSH_ENDPOINT); without one, no outbox rows.
 * Kept on globalThis because Next bundles this module more than once.
 */
import 'server-only';
import type { ChangeEvents } from '../changes/recorder';
import { config } from '../env';
import { signSecurityEvent, type TransmitterSettings } from './security-event';
import { loadSigningKey, type SigningKey } from './signing-key';

const holder = globalThis as typeof globalThis & {
  __ssfKey?: Promise<SigningKey | null>;
  __ssfWake?: () => void;
};

/** The signing key, or null when none is configured (then nothing is signed or published). */
export function signingKey(): Promise<SigningKey | null> {
  const json = config().ssf.signingKey;
  holder.__ssfKey ??= json ? loadSigningKey(json) : Promise.resolve(null);
  return holder.__ssfKey;
}

/** The public keys receivers verify our events with (the jwks_uri's document). */
export async function publishedKeys(): Promise<{ keys: object[] }> {
  const key = await signingKey();
  return { keys: key ? [key.publicJwk] : [] };
}

/** Where a receiver finds the keys, relative to our issuer. */
export const JWKS_PATH = '/api/ssf/jwks';

/** Lets the delivery worker be woken when events are released (lib/delivery sets it). */
export function onEventsReleased(wake: () => void): void {
  holder.__ssfWake = wake;
}

/** The seam's events for this deployment, or null when no receiver is configured. */
export async function changeEvents(): Promise<ChangeEvents | null> {
  const { ssf } = config();
  if (!ssf.push) return null;
  const key = await signingKey();
  if (!key || !ssf.issuer || !ssf.subjectIssuer) return null;
  const settings: TransmitterSettings = {
    issuer: ssf.issuer,
    audience: ssf.audience.length === 1 ? ssf.audience[0]! : ssf.audience,
    subjectIssuer: ssf.subjectIssuer,
    key,
  };
  return {
    async issue({ subject, txn, kind, apps }) {
      const at = Date.now();
      return Promise.all(
        apps.map(async (app) => ({
          clientId: app.clientId,
          ...(await signSecurityEvent(settings, {
            kind,
            subject,
            clientId: app.clientId,
            scopesKept: app.scopesKept,
            txn,
            at,
          })),
        })),
      );
    },
    released: () => holder.__ssfWake?.(),
  };
}
