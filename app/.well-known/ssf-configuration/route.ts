/**
 * The Shared Signals transmitter's metadata (SSF 1.0, "Transmitter
 * Configuration Metadata"): our issuer, where our keys are, and that we
 * deliver by RFC 8935 push. Public: a receiver reads it without a session.
 * 404 when this deployment signs no events (no key).
 * https://openid.net/specs/openid-sharedsignals-framework-1_0-final.html
 */
import { config } from '@/lib/env';
import { JWKS_PATH, signingKey } from '@/lib/events';

export const dynamic = 'force-dynamic';

export async function GET() {
  const { issuer } = config().ssf;
  if (!issuer || !(await signingKey()))
    return Response.json({ error: 'not_found' }, { status: 404 });
  return Response.json(
    {
      spec_version: '1_0',
      issuer,
      jwks_uri: `${issuer}${JWKS_PATH}`,
      delivery_methods_supported: ['urn:ietf:rfc:8935'],
    },
    { headers: { 'Cache-Control': 'public, max-age=300' } },
  );
}
