/** Liveness: the process is up and serving. Says nothing about the backend (see /api/ready). */
export function GET() {
  return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } });
}
