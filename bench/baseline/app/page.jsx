/**
 * The baseline `npm run bench` measures the app against: a bare dynamic
 * Next.js page, rendered per request like /apps, built and served with the
 * repository's own pinned next and react (`next build bench/baseline`,
 * `next start bench/baseline`). Its requests/s and first-load JS are the floor
 * that any page of this stack stands on; the bench prints the app's figures
 * as multiples of it. JavaScript rather than TypeScript so that its build
 * writes no tsconfig or generated types that the root typecheck would pick up.
 */
import { connection } from 'next/server';

export default async function BaselinePage() {
  // Render per request, as /apps does, rather than once at build time.
  await connection();
  return (
    <main>
      <h1>Baseline</h1>
      <p>Rendered at {new Date().toISOString()}</p>
    </main>
  );
}
