/**
 * Readiness: 200 when the backend (Authlete, or the embedded database) answers
 * with our credentials and the app store answers a query, 503 otherwise, so a
 * load balancer stops sending people to an instance that cannot serve them.
 * The answer comes from a check at most READY_CHECK_SECONDS old
 * (lib/readiness.ts): however many probes arrive, each instance asks Authlete
 * once per interval. The reason is logged once per change, never sent.
 */
import { config } from '@/lib/env';
import { grantStore } from '@/lib/grants';
import { log } from '@/lib/log';
import { createReadiness, type Readiness } from '@/lib/readiness';
import { withinRequest } from '@/lib/request-scope';
import { appStore } from '@/lib/store';

// One per process: Next may bundle this route more than once, and every copy must share the interval.
const holder = globalThis as typeof globalThis & { __readiness?: Readiness };

function readiness(): Readiness {
  holder.__readiness ??= createReadiness({
    // The store first: its messages name the variable and the host, never the URL's password.
    checks: [
      { failure: 'database_unreachable', run: () => appStore().check() },
      { failure: 'backend_unreachable', run: () => grantStore().checkReachable() },
    ],
    maxAgeMs: config().readyCheckMs,
    onChange: (outcome, previous) => {
      if (outcome.ready) log.info('ready.ready', { recovered: previous !== null });
      else log.warn(`ready.${outcome.failure}`, { error: outcome.error });
    },
  });
  return holder.__readiness;
}

export function GET() {
  const headers = { 'Cache-Control': 'no-store' };
  return withinRequest(async () => {
    const outcome = await readiness().current();
    return outcome.ready
      ? Response.json({ status: 'ready' }, { headers })
      : Response.json({ status: 'unavailable' }, { status: 503, headers });
  });
}
