/**
 * Readiness: 200 when the backend (Authlete, or the embedded database) answers
 * with our credentials now, 503 otherwise, so a load balancer stops sending
 * people to an instance that cannot serve them. The reason is logged, not sent.
 */
import { grantStore } from '@/lib/grants';
import { log } from '@/lib/log';
import { withinRequest } from '@/lib/request-scope';

export function GET() {
  const headers = { 'Cache-Control': 'no-store' };
  return withinRequest(async () => {
    try {
      await grantStore().checkReachable();
      return Response.json({ status: 'ready' }, { headers });
    } catch (error) {
      log.warn('ready.backend_unreachable', { error });
      return Response.json({ status: 'unavailable' }, { status: 503, headers });
    }
  });
}
