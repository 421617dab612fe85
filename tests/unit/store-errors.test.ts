/** The app store's start-up messages: where the database is, and why not — never its password. */
import { describe, expect, it } from 'vitest';
import { describeTarget, unreachable, withoutSecrets } from '@/lib/store/errors';
import type { StoreTarget } from '@/lib/store/target';

const target: StoreTarget = {
  kind: 'postgres',
  url: 'postgresql://apps:s3cr%40t-pass@db.internal:6432/connected_apps?sslmode=require',
};

describe('app store messages', () => {
  it('say where the database is without the user or password', () => {
    expect(describeTarget(target)).toBe('PostgreSQL at db.internal:6432, database connected_apps');
    expect(describeTarget({ kind: 'postgres', url: 'postgres://db.internal' })).toBe(
      'PostgreSQL at db.internal:5432, database (default database)',
    );
  });

  it('strip the URL and its password, encoded or not, from what a driver said', () => {
    const said = `cannot connect with ${target.url}: password "s3cr@t-pass" rejected (s3cr%40t-pass)`;
    const cleaned = withoutSecrets(said, target);
    expect(cleaned).not.toMatch(/s3cr/);
    expect(cleaned).toBe(
      'cannot connect with <DATABASE_URL>: password "<password>" rejected (<password>)',
    );
  });

  it('cope with a password that is not valid percent-encoding', () => {
    const odd: StoreTarget = {
      kind: 'postgres',
      url: 'postgres://apps:50%zz-off@db.internal/apps',
    };
    expect(withoutSecrets('rejected 50%zz-off', odd)).toBe('rejected <password>');
  });

  it('name the variable and the reason, for errors with only a code', () => {
    const refused = Object.assign(
      new AggregateError([new Error('connect ECONNREFUSED ::1:6432')], ''),
      {
        code: 'ECONNREFUSED',
      },
    );
    expect(unreachable(target, refused).message).toBe(
      'DATABASE_URL: cannot use PostgreSQL at db.internal:6432, database connected_apps (ECONNREFUSED: connect ECONNREFUSED ::1:6432)',
    );
  });
});
