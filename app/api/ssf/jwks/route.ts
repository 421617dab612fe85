/** The public keys our Security Event Tokens are signed with (the jwks_uri). Public, no session. */
import { publishedKeys } from '@/lib/events';

export const dynamic = 'force-dynamic';

export async function GET() {
  return Response.json(await publishedKeys(), {
    headers: { 'Cache-Control': 'public, max-age=300' },
  });
}
