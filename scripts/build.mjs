#!/usr/bin/env node
/**
 * `npm run build`: `next build` (standalone output), then the browser's files
 * and public/ copied beside the standalone server (scripts/standalone.mjs), so
 * `.next/standalone/` is exactly what the image ships and `npm start` runs.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { completeStandalone } from './standalone.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

const build = spawnSync(process.execPath, [nextBin, 'build'], {
  cwd: root,
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);
completeStandalone(root);
