/**
 * compose.yaml, checked without a container engine: it parses, runs two
 * instances of the image on one PostgreSQL with the same shared settings,
 * and puts a proxy in front of both.
 */
import fs from 'node:fs';
import path from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

type Service = {
  build?: string;
  image?: string;
  environment?: Record<string, string>;
  command?: string[];
  depends_on?: Record<string, unknown> | string[];
  ports?: string[];
};
const root = path.resolve(__dirname, '..', '..');
const compose = load(fs.readFileSync(path.join(root, 'compose.yaml'), 'utf8')) as {
  services: Record<string, Service>;
};

describe('compose.yaml', () => {
  const { services } = compose;
  const apps = ['app-1', 'app-2'].map((name) => services[name]!);

  it('runs two instances of the image with the same environment, on one PostgreSQL', () => {
    for (const app of apps) {
      expect(app.build).toBe('.');
      expect(app.environment!.DATABASE_URL).toMatch(/^postgres:\/\/[^@]+@db:5432\/connected_apps$/);
      expect(Object.keys(app.depends_on as object)).toEqual(['db']);
    }
    expect(apps[0]!.environment).toEqual(apps[1]!.environment);
    expect(services.db!.image).toMatch(/^postgres:/);
    expect(fs.existsSync(path.join(root, 'Dockerfile'))).toBe(true);
  });

  it('names only variables the app reads, and every one the README lists for several instances', () => {
    const env = apps[0]!.environment!;
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const name of Object.keys(env)) expect(readme, name).toContain(`\`${name}\``);
    for (const shared of [
      'DATABASE_URL',
      'AUTH_SECRET',
      'AUTH_URL',
      'SSF_SIGNING_KEY',
      'SSF_PUSH_ENDPOINT',
    ])
      expect(env).toHaveProperty(shared);
  });

  it('puts the proxy in front of both instances, on the only published port', () => {
    const proxy = services.proxy!;
    expect(proxy.image).toMatch(/^caddy:/);
    const targets = proxy.command!.filter((_, i, all) => all[i - 1] === '--to');
    expect(targets).toEqual(['app-1:3000', 'app-2:3000']);
    expect(proxy.ports).toEqual(['8080:8080']);
    for (const app of apps) expect(app.ports).toBeUndefined();
  });
});
