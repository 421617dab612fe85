#!/usr/bin/env node
/**
 * `npm start`: serves the app with zero configuration. On the embedded backend
 * (no AUTHLETE_BASE_URL) it fills in what a first run lacks — a development
 * AUTH_SECRET kept in data/ (owner-only), AUTH_URL from the port — builds when
 * there is no build yet, then runs `next start`, passing signals through so a
 * SIGTERM lets in-flight requests finish.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nextEnv from '@next/env';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
// Read .env* files the way `next start` will, so the defaults below never shadow a configured value.
nextEnv.loadEnvConfig(root, false);
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1' };
const port = env.PORT || '3000';
const embedded = !env.AUTHLETE_BASE_URL;

if (!env.AUTH_SECRET && embedded) {
  env.AUTH_SECRET = developmentSecret(path.join(root, 'data', 'auth-secret'));
  console.log('Using the development AUTH_SECRET in data/auth-secret (embedded backend only).');
}
env.AUTH_URL ||= `http://localhost:${port}`;

if (!fs.existsSync(path.join(root, '.next', 'BUILD_ID'))) {
  console.log('No build yet: running `next build` once (about half a minute)…');
  const build = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, [nextBin, 'start', '--port', port], {
  cwd: root,
  env,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

/** Reads the secret kept from an earlier run, or creates one readable by the owner only. */
function developmentSecret(file) {
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
