/**
 * Security Event Tokens as a receiver meets them: they verify against the
 * published public key, carry the SSF profile's header and claims, and the
 * CAEP event that fits the change, about the right complex subject.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { SESSION_REVOKED, TOKEN_CLAIMS_CHANGE } from '@/lib/events/caep';
import { signSecurityEvent, type TransmitterSettings } from '@/lib/events/security-event';
import { loadSigningKey } from '@/lib/events/signing-key';

function privateJwk(kind: 'ec' | 'rsa'): string {
  const { privateKey } =
    kind === 'ec'
      ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
      : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return JSON.stringify(privateKey.export({ format: 'jwk' }));
}

async function transmitter(kind: 'ec' | 'rsa' = 'ec'): Promise<TransmitterSettings> {
  return {
    issuer: 'https://apps.example.com',
    audience: 'https://receiver.example.com',
    subjectIssuer: 'https://login.example.com',
    key: await loadSigningKey(privateJwk(kind)),
  };
}

describe('a Security Event Token', () => {
  it.each(['ec', 'rsa'] as const)(
    'verifies against the published %s key, with the SSF header and claims and no sub or exp',
    async (kind) => {
      const settings = await transmitter(kind);
      const at = Date.UTC(2026, 0, 2, 3, 4, 5);
      const { jti, token } = await signSecurityEvent(settings, {
        kind: 'app_removed',
        subject: 'user-123',
        clientId: '5899463614448063',
        txn: 'txn-1',
        at,
      });
      const keys = createLocalJWKSet({ keys: [settings.key.publicJwk as JWK] });
      const { payload, protectedHeader } = await jwtVerify(token, keys, {
        issuer: 'https://apps.example.com',
        audience: 'https://receiver.example.com',
        typ: 'secevent+jwt',
      });
      expect(protectedHeader).toMatchObject({ typ: 'secevent+jwt', kid: settings.key.kid });
      expect(payload).toEqual({
        iss: 'https://apps.example.com',
        aud: 'https://receiver.example.com',
        iat: at / 1000,
        jti,
        txn: 'txn-1',
        sub_id: {
          format: 'complex',
          user: { format: 'iss_sub', iss: 'https://login.example.com', sub: 'user-123' },
          application: { format: 'opaque', id: '5899463614448063' },
        },
        events: {
          [SESSION_REVOKED]: { event_timestamp: at / 1000, initiating_entity: 'user' },
        },
      });
      expect(settings.key.publicJwk).not.toHaveProperty('d');
    },
  );

  it('announces a narrowing as token-claims-change with the scopes left', async () => {
    const settings = await transmitter();
    const { token } = await signSecurityEvent(settings, {
      kind: 'scopes_narrowed',
      subject: 'user-123',
      clientId: '42',
      scopesKept: ['openid', 'profile'],
      txn: 'txn-2',
      at: Date.now(),
    });
    const { payload } = await jwtVerify(
      token,
      createLocalJWKSet({ keys: [settings.key.publicJwk as JWK] }),
    );
    expect(payload.events).toEqual({
      [TOKEN_CLAIMS_CHANGE]: expect.objectContaining({ claims: { scope: 'openid profile' } }),
    });
  });

  it('announces narrowing one grant the same way, with the scopes that grant keeps', async () => {
    const settings = await transmitter();
    const { token } = await signSecurityEvent(settings, {
      kind: 'grant_narrowed',
      subject: 'user-123',
      clientId: '42',
      scopesKept: ['openid'],
      txn: 'txn-3',
      at: Date.now(),
    });
    const { payload } = await jwtVerify(
      token,
      createLocalJWKSet({ keys: [settings.key.publicJwk as JWK] }),
    );
    expect(payload.events).toEqual({
      [TOKEN_CLAIMS_CHANGE]: expect.objectContaining({ claims: { scope: 'openid' } }),
    });
  });

  it('gives every event its own jti, and one change its one txn', async () => {
    const settings = await transmitter();
    const sign = (clientId: string) =>
      signSecurityEvent(settings, {
        kind: 'apps_removed',
        subject: 's',
        clientId,
        txn: 'shared',
        at: Date.now(),
      });
    const [a, b] = await Promise.all([sign('1'), sign('2')]);
    expect(a.jti).not.toBe(b.jti);
    expect(decodeProtectedHeader(a.token).alg).toBe('ES256');
  });
});

describe('SSF_SIGNING_KEY', () => {
  it('refuses what is not a private asymmetric JWK, naming the variable and never the value', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const publicOnly = { ...privateKey.export({ format: 'jwk' }), d: undefined };
    for (const bad of ['not json', JSON.stringify(publicOnly), '{"kty":"oct","k":"c2VjcmV0"}']) {
      const error = await loadSigningKey(bad).catch((e: Error) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).message).toMatch(/^SSF_SIGNING_KEY: /);
      expect((error as Error).message).not.toContain(bad);
    }
  });
});
