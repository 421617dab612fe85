/**
 * Runs once when the server starts (not during `next build`). The Node-only
 * work lives in lib/startup.ts, imported only on the Node runtime.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startServer } = await import('./lib/startup');
    startServer();
  }
}
