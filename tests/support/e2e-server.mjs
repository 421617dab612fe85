/**
 * The e2e web server: starts from an empty database file (each test makes its
 * own data anyway), then runs the app exactly as `npm start` does.
 */
import fs from 'node:fs';

const database = process.env.DATABASE_PATH;
if (!database) throw new Error('DATABASE_PATH must be set for the e2e server');
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${database}${suffix}`, { force: true });

await import('../../scripts/start.mjs');
