/**
 * The transmitter's signing key (SSF_SIGNING_KEY, a private JWK) and the
 * public half we publish at the jwks_uri. The algorithm follows the key:
 * the JWK's own `alg`, else ES256 / ES384 / ES512 for an EC key by its curve,
 * EdDSA for an OKP key and RS256 for an RSA key. The `kid` is the JWK's own,
 * else its RFC 7638 thumbprint, so receivers can pick the key after a rotation.
 */
import { calculateJwkThumbprint, importJWK, type CryptoKey, type JWK } from 'jose';

export type SigningKey = {
  alg: string;
  kid: string;
  key: CryptoKey | Uint8Array;
  /** the public JWK, safe to publish */
  publicJwk: JWK;
};

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;

export function algorithmOf(jwk: JWK): string {
  if (jwk.alg) return jwk.alg;
  if (jwk.kty === 'EC')
    return (
      ({ 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' } as Record<string, string>)[
        jwk.crv ?? ''
      ] ?? 'ES256'
    );
  if (jwk.kty === 'OKP') return 'EdDSA';
  return 'RS256';
}

/** Reads the private JWK; throws an Error that names the variable, never its value. */
export async function loadSigningKey(json: string): Promise<SigningKey> {
  let jwk: JWK;
  try {
    jwk = JSON.parse(json) as JWK;
  } catch {
    throw new Error('SSF_SIGNING_KEY: must be a private JWK as JSON');
  }
  if (typeof jwk !== 'object' || jwk === null || !jwk.kty || jwk.kty === 'oct' || !jwk.d)
    throw new Error('SSF_SIGNING_KEY: must be a private EC, OKP or RSA JWK (with its "d")');
  const alg = algorithmOf(jwk);
  const kid = jwk.kid ?? (await calculateJwkThumbprint(jwk));
  const publicJwk: JWK = Object.fromEntries(
    Object.entries(jwk).filter(([name]) => !(PRIVATE_MEMBERS as readonly string[]).includes(name)),
  );
  let key: CryptoKey | Uint8Array;
  try {
    key = await importJWK(jwk, alg);
  } catch {
    throw new Error(`SSF_SIGNING_KEY: cannot be used to sign with ${alg}`);
  }
  return { alg, kid, key, publicJwk: { ...publicJwk, kid, alg, use: 'sig' } };
}
