/**
 * Where the standalone production build lives and what it needs beside it.
 * `next build` with `output: 'standalone'` writes a self-contained server to
 * `.next/standalone/` (server code and the node_modules it traced), but leaves
 * the browser's files (`.next/static`) and `public/` for the deployer to put
 * next to it (https://nextjs.org/docs/app/api-reference/config/next-config-js/output#automatically-copying-traced-files).
 * `npm run build` does that, so the folder is complete: `npm start`, the tests
 * and the image (Dockerfile) all run the same files.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The standalone server's folder in a checkout; in the image it is the image's root itself. */
export function standaloneDir(root) {
  return fs.existsSync(path.join(root, 'server.js'))
    ? root
    : path.join(root, '.next', 'standalone');
}

/** True when `dir` holds a complete standalone build (server, build id, browser files). */
export function isCompleteBuild(dir) {
  return ['server.js', '.next/BUILD_ID', '.next/static'].every((file) =>
    fs.existsSync(path.join(dir, file)),
  );
}

/** Copies the browser's files and public/ into the standalone folder, replacing older copies. */
export function completeStandalone(root) {
  const dir = path.join(root, '.next', 'standalone');
  for (const [from, to] of [
    [path.join(root, '.next', 'static'), path.join(dir, '.next', 'static')],
    [path.join(root, 'public'), path.join(dir, 'public')],
  ]) {
    fs.rmSync(to, { recursive: true, force: true });
    fs.cpSync(from, to, { recursive: true });
  }
}

/**
 * The build's Next configuration with what an operator sets at run time applied:
 * ALLOWED_ORIGINS, the extra hosts (`host[:port]`, comma-separated, `*` wildcards) whose pages
 * may call server actions when a proxy presents another host than the app sees.
 */
export function runtimeNextConfig(dir, env) {
  const { config } = JSON.parse(
    fs.readFileSync(path.join(dir, '.next', 'required-server-files.json'), 'utf8'),
  );
  const allowedOrigins = (env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  config.experimental = {
    ...config.experimental,
    serverActions: { ...config.experimental?.serverActions, allowedOrigins },
  };
  return config;
}
