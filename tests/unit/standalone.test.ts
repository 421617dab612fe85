/**
 * What scripts/standalone.mjs gives the standalone server at every start: the
 * build's configuration with ALLOWED_ORIGINS from the environment of this
 * start, not of the build.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isCompleteBuild, runtimeNextConfig } from '../../scripts/standalone.mjs';

let dir: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'standalone-'));
  fs.mkdirSync(path.join(dir, '.next'));
  const config = {
    poweredByHeader: false,
    experimental: { serverActions: { allowedOrigins: ['baked.example'], bodySizeLimit: '64kb' } },
  };
  fs.writeFileSync(
    path.join(dir, '.next', 'required-server-files.json'),
    JSON.stringify({ version: 1, config }),
  );
});

afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('runtimeNextConfig', () => {
  it('takes the allowed origins from this start, keeping the rest of the build', () => {
    const config = runtimeNextConfig(dir, { ALLOWED_ORIGINS: ' proxy.example:8443, *.corp ' });
    expect(config).toEqual({
      poweredByHeader: false,
      experimental: {
        serverActions: { allowedOrigins: ['proxy.example:8443', '*.corp'], bodySizeLimit: '64kb' },
      },
    });
  });

  it('allows no other origin when ALLOWED_ORIGINS is unset, whatever the build saw', () => {
    const config = runtimeNextConfig(dir, {}) as {
      experimental: { serverActions: { allowedOrigins: string[] } };
    };
    expect(config.experimental.serverActions.allowedOrigins).toEqual([]);
  });
});

describe('isCompleteBuild', () => {
  it('needs the server, the build id and the browser files', () => {
    expect(isCompleteBuild(dir)).toBe(false);
    fs.writeFileSync(path.join(dir, 'server.js'), '');
    fs.writeFileSync(path.join(dir, '.next', 'BUILD_ID'), 'x');
    expect(isCompleteBuild(dir)).toBe(false);
    fs.mkdirSync(path.join(dir, '.next', 'static'));
    expect(isCompleteBuild(dir)).toBe(true);
  });
});
