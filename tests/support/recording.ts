/**
 * What the e2e run saw, kept for the secret scan (tests/e2e/secrets/): every
 * response body the app sent to a browser page (documents and fetches — server
 * actions included), and the servers' log files (written by the web server
 * commands in playwright.config.ts).
 */
import fs from 'node:fs';
import path from 'node:path';

export const RECORDING_DIR = path.resolve(__dirname, '..', '..', 'test-results', 'recorded');
export const SERVER_LOG_DIR = path.join(RECORDING_DIR, 'server-logs');

/** Appends one test's recorded response bodies. */
export function saveResponses(testId: string, bodies: readonly string[]) {
  if (bodies.length === 0) return;
  fs.mkdirSync(RECORDING_DIR, { recursive: true });
  fs.writeFileSync(path.join(RECORDING_DIR, `responses-${testId}.txt`), bodies.join('\n\u0000\n'));
}

/** Every file under `dir`, as [name, text] pairs. */
export function readAll(dir: string): [string, string][] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return [path.relative(dir, file), fs.readFileSync(file, 'utf8')];
    });
}

/** Where any of `needles` occurs in the named texts. */
export function findOccurrences(
  texts: readonly [string, string][],
  needles: readonly string[],
): string[] {
  const hits: string[] = [];
  for (const [name, text] of texts) {
    for (const needle of needles)
      if (needle && text.includes(needle)) hits.push(`${name}: …${needle.slice(0, 6)}…`);
  }
  return hits;
}
