/**
 * One Security Event Token (RFC 8417) as the Shared Signals Framework 1.0
 * profiles it: `typ: secevent+jwt`, a top-level `sub_id`, no `sub` and no
 * `exp`, with `iss`, `iat`, a unique `jti`, `aud`, and `txn` shared by the
 * events of one change. Signed once when the change is recorded; the outbox
 * keeps the bytes, so a retry sends the same token with the same `jti`.
 *
 * https://www.rfc-editor.org/rfc/rfc8417
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { HistoryKind } from '../store/history';
import { caepEvent, subjectOf } from './caep';
import type { SigningKey } from './signing-key';

export const SET_TYPE = 'secevent+jwt';

export type TransmitterSettings = {
  /** the transmitter's issuer: our public URL, where /.well-known/ssf-configuration is */
  issuer: string;
  /** the receiver(s) the events are meant for */
  audience: string | string[];
  /** the issuer of the people's subjects (the OpenID Provider they sign in with) */
  subjectIssuer: string;
  key: SigningKey;
};

export async function signSecurityEvent(
  settings: TransmitterSettings,
  event: {
    kind: HistoryKind;
    subject: string;
    clientId: string;
    scopesKept?: readonly string[];
    txn: string;
    /** ms since the epoch */
    at: number;
  },
): Promise<{ jti: string; token: string }> {
  const jti = randomUUID();
  const token = await new SignJWT({
    sub_id: subjectOf({
      subjectIssuer: settings.subjectIssuer,
      subject: event.subject,
      clientId: event.clientId,
    }),
    txn: event.txn,
    events: caepEvent(event.kind, { scopesKept: event.scopesKept, at: event.at }),
  })
    .setProtectedHeader({ alg: settings.key.alg, kid: settings.key.kid, typ: SET_TYPE })
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt(Math.floor(event.at / 1000))
    .setJti(jti)
    .sign(settings.key.key);
  return { jti, token };
}
