/**
 * Runs once when the server starts (not during `next build`), and reports
 * requests that fail. The Node-only work lives in lib/startup.ts and
 * lib/request-error.ts, imported only on the Node runtime (every route here runs on it).
 */
import type { Instrumentation } from 'next';

export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startServer } = await import('./lib/startup');
    await startServer();
  }
}

export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { reportRequestError } = await import('./lib/request-error');
    await reportRequestError(error, request, context);
  }
};
