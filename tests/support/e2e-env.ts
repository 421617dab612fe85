/** Where the e2e server runs: its own port and database, so a running `npm start` never shares state. */
import path from 'node:path';

export const E2E_PORT = 3100;
export const E2E_BASE_URL = `http://localhost:${E2E_PORT}`;
export const E2E_DATABASE_PATH = path.resolve(__dirname, '..', '..', 'data', 'e2e.sqlite');
/** Test-only; the e2e server signs sessions with it, and tests mint sessions of a chosen age with it. */
export const E2E_AUTH_SECRET = 'e2e-only-secret-not-for-production-0123456789';
