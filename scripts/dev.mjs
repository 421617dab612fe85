#!/usr/bin/env node
/**
 * `npm run dev`: the development server with reload, on the same
 * zero-configuration defaults as `npm start` (lib/zero-config.mjs), so it
 * works on a fresh checkout with nothing set. Signals are passed on to
 * `next dev`.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nextEnv from '@next/env';
import { createLogger } from '../lib/logger.mjs';
import { withZeroConfigDefaults } from '../lib/zero-config.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const log = createLogger({ level: process.env.LOG_LEVEL });
nextEnv.loadEnvConfig(root, true, {
  info: (message) => log.info({ source: '@next/env' }, message),
  error: (message, error) => log.error({ source: '@next/env', error }, message),
});
const { env, notices } = withZeroConfigDefaults(process.env, { root });
for (const notice of notices) log.info(notice);

const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const server = spawn(process.execPath, [nextBin, 'dev', '--port', env.PORT || '3000'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
