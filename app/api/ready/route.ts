/**
 * Readiness: 200 when the backend (Authlete, or the embedded database) answers
 * with our credentials now and the app store answers a query, 503 otherwise,
 * so a load balancer stops sending people to an instance that cannot serve
 * them. The reason is logged, not sent.
 */
import { grantStore } from '@/lib/grants';
import { log } from '@/lib/log';
import { withinRequest } from '@/lib/request-scope';
import { appStore } from '@/lib/store';

export function GET() {
  const headers = { 'Cache-Control': 'no-store' };
  const unavailable = () => Response.json({ status: 'unavailable' }, { status: 503, headers });
  return withinRequest(async () => {
    try {
      await appStore().check();
    } catch (error) {
      // The store's messages name the variable and the host, never the URL's password.
      log.warn('ready.database_unreachable', { error });
      return unavailable();
    }
    try {
      await grantStore().checkReachable();
      return Response.json({ status: 'ready' }, { headers });
    } catch (error) {
      log.warn('ready.backend_unreachable', { error });
      return unavailable();
    }
  });
}
