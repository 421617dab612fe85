#!/usr/bin/env node
/**
 * How the server starts, everywhere: `npm start`, the image's command
 * (Dockerfile), and every test or load run that starts an app process.
 *
 * 1. Reads .env files as Next does, then fills in the zero-configuration
 *    defaults (lib/zero-config.mjs), so a fresh checkout serves the embedded
 *    demo with nothing set.
 * 2. In a checkout without a complete build, builds once (`npm run build`);
 *    the image always has one.
 * 3. Runs the standalone server (scripts/standalone.mjs) in this process, as
 *    its generated server.js would — but with the settings an operator gives
 *    at run time applied to the configuration the build baked in. A standalone
 *    server.js carries next.config as it was at build time
 *    (https://nextjs.org/docs/app/api-reference/config/next-config-js/output),
 *    so ALLOWED_ORIGINS, read here at every start, would otherwise need a
 *    rebuild. Next handles SIGTERM itself: it stops accepting connections,
 *    lets requests in flight finish, then exits.
 *
 * Every line this script writes is JSON (lib/logger.mjs); Next's start banner
 * and the output of a first build are Next's own.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import nextEnv from '@next/env';
import { createLogger } from '../lib/logger.mjs';
import { withZeroConfigDefaults } from '../lib/zero-config.mjs';
import { isCompleteBuild, runtimeNextConfig, standaloneDir } from './standalone.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const log = createLogger({ level: process.env.LOG_LEVEL });

// .env files first, the way the server will read them, so the defaults never shadow a configured value.
nextEnv.loadEnvConfig(root, false, {
  info: (message) => log.info({ source: '@next/env' }, message),
  error: (message, error) => log.error({ source: '@next/env', error }, message),
});
const { env, notices } = withZeroConfigDefaults(process.env, { root });
for (const notice of notices) log.info(notice);

const serverDir = standaloneDir(root);
if (!isCompleteBuild(serverDir)) {
  if (serverDir === root) {
    log.fatal({ dir: root }, 'start.no_build');
    process.exit(1);
  }
  log.info('No complete build yet: running `npm run build` once (about half a minute).');
  const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const config = runtimeNextConfig(serverDir, env);
Object.assign(process.env, env, {
  NODE_ENV: 'production',
  // Where Next's server reads its configuration when it runs standalone, as server.js sets it.
  __NEXT_PRIVATE_STANDALONE_CONFIG: JSON.stringify(config),
});
process.chdir(serverDir);
const requireFromServer = createRequire(path.join(serverDir, 'server.js'));
requireFromServer('next');
const { startServer } = requireFromServer('next/dist/server/lib/start-server');
const keepAliveTimeout = Number.parseInt(env.KEEP_ALIVE_TIMEOUT ?? '', 10);
startServer({
  dir: serverDir,
  isDev: false,
  config,
  // 0.0.0.0, as the standalone server.js defaults; the image sets HOSTNAME explicitly because
  // a container's HOSTNAME is its own name.
  hostname: env.HOSTNAME || '0.0.0.0',
  port: Number.parseInt(env.PORT ?? '', 10) || 3000,
  allowRetry: false,
  keepAliveTimeout:
    Number.isFinite(keepAliveTimeout) && keepAliveTimeout >= 0 ? keepAliveTimeout : undefined,
}).catch((error) => {
  log.fatal({ error }, 'start.failed');
  process.exit(1);
});
