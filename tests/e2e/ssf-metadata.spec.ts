/**
 * What a Shared Signals receiver reads before it trusts our events: the
 * transmitter metadata and the public keys, without a session, and never a
 * private key member.
 */
import { expect, test } from '../support/fixtures';

test('the transmitter metadata names our issuer, push delivery and a jwks_uri with public keys only', async ({
  request,
  baseURL,
}) => {
  const metadata = await request.get('/.well-known/ssf-configuration');
  expect(metadata.status()).toBe(200);
  const body = await metadata.json();
  expect(body).toEqual({
    spec_version: '1_0',
    issuer: new URL(baseURL!).origin,
    jwks_uri: `${new URL(baseURL!).origin}/api/ssf/jwks`,
    delivery_methods_supported: ['urn:ietf:rfc:8935'],
  });
  const jwks = await request.get(body.jwks_uri);
  expect(jwks.status()).toBe(200);
  const { keys } = await jwks.json();
  expect(keys).toEqual([
    expect.objectContaining({
      kty: 'EC',
      crv: 'P-256',
      alg: 'ES256',
      use: 'sig',
      kid: expect.any(String),
    }),
  ]);
  for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'])
    expect(keys[0]).not.toHaveProperty(member);
});
