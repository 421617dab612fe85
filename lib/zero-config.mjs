/**
 * The zero-configuration defaults, in one place for every way the server
 * starts: `npm start` and the image (scripts/start.mjs), `npm run dev`
 * (scripts/dev.mjs), and the tests' servers (which start through start.mjs).
 * It also makes the one decision every other module follows: which backend
 * this deployment talks to.
 *
 * Plain JavaScript (with zero-config.d.mts beside it) because the start
 * scripts run it with Node alone, before any build exists, and the image has
 * no TypeScript runner.
 *
 * What it fills in when a variable is unset:
 * - DATABASE_PATH: `<root>/data/connected-apps.sqlite`, and always made
 *   absolute (the standalone server changes its working directory);
 * - AUTH_SECRET: on the embedded backend only, a development secret generated
 *   once into `auth-secret` beside the database (owner-only). Several instances
 *   must share one real secret, so outside the embedded backend nothing is
 *   generated and start-up validation asks for it;
 * - SSF_SIGNING_KEY: on the embedded backend only, a P-256 private JWK for
 *   signing Security Event Tokens, generated once into `ssf-signing-key.json`
 *   beside the database (owner-only). Like AUTH_SECRET, several instances must
 *   share one key, so elsewhere it is asked for (with SSF_PUSH_ENDPOINT);
 * - AUTH_URL: `http://localhost:$PORT`;
 * - SCOPE_DESCRIPTIONS_FILE: made absolute, like DATABASE_PATH.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** @param {{ readonly AUTHLETE_BASE_URL?: string | undefined }} env */
export function chooseBackend(env) {
  return isSet(env.AUTHLETE_BASE_URL) ? 'authlete' : 'embedded';
}

/**
 * @param {Readonly<Record<string, string | undefined>>} env
 * @param {{ root: string, cwd?: string }} where `root`: the checkout or image root; `cwd`: what
 *   relative paths in `env` are relative to (default the current directory)
 */
export function withZeroConfigDefaults(env, { root, cwd = process.cwd() }) {
  const next = { ...env };
  /** @type {string[]} */
  const notices = [];
  const backend = chooseBackend(env);

  next.DATABASE_PATH = isSet(env.DATABASE_PATH)
    ? path.resolve(cwd, env.DATABASE_PATH)
    : path.join(root, 'data', 'connected-apps.sqlite');
  const dataDir = path.dirname(next.DATABASE_PATH);

  if (!isSet(env.AUTH_SECRET) && backend === 'embedded') {
    const file = path.join(dataDir, 'auth-secret');
    next.AUTH_SECRET = keptSecret(file);
    notices.push(`Using the development AUTH_SECRET in ${file} (embedded backend only).`);
  }
  if (!isSet(env.SSF_SIGNING_KEY) && backend === 'embedded') {
    const file = path.join(dataDir, 'ssf-signing-key.json');
    next.SSF_SIGNING_KEY = keptSigningKey(file);
    notices.push(`Using the development SSF_SIGNING_KEY in ${file} (embedded backend only).`);
  }
  if (!isSet(env.AUTH_URL)) next.AUTH_URL = `http://localhost:${env.PORT || '3000'}`;
  if (isSet(env.SCOPE_DESCRIPTIONS_FILE))
    next.SCOPE_DESCRIPTIONS_FILE = path.resolve(cwd, env.SCOPE_DESCRIPTIONS_FILE);
  next.NEXT_TELEMETRY_DISABLED = '1';
  return { env: next, backend, notices };
}

/** @param {string | undefined} value */
function isSet(value) {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * The secret kept from an earlier run, or a new one readable by the owner only.
 * @param {string} file
 */
function keptSecret(file) {
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/**
 * The event signing key kept from an earlier run, or a new P-256 key readable by the owner only.
 * @param {string} file
 */
function keptSigningKey(file) {
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing) return existing;
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'ENOENT') throw error;
  }
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = {
    ...privateKey.export({ format: 'jwk' }),
    kid: randomBytes(8).toString('hex'),
    alg: 'ES256',
  };
  const json = JSON.stringify(jwk);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  fs.writeFileSync(file, `${json}\n`, { mode: 0o600 });
  return json;
}
