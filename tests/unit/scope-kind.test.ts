import { describe, expect, it } from 'vitest';
import { byConsequence, scopeKind } from '@/lib/grants/scope-kind';

describe('scopeKind', () => {
  it.each([
    ['payments.initiate', 'payment'],
    ['payment:transfer', 'payment'],
    ['payments.read', 'read'],
    ['billing.history', 'read'],
    ['photos.write', 'write'],
    ['calendar.manage', 'write'],
    ['https://api.example/auth/drive.upload', 'write'],
    ['offline_access', 'offline'],
    ['openid', 'read'],
    ['profile', 'read'],
    ['paypal', 'read'],
  ])('%s is %s', (name, kind) => {
    expect(scopeKind(name)).toBe(kind);
  });

  it('orders by consequence and keeps the order within a kind', () => {
    const scopes = ['openid', 'offline_access', 'photos.write', 'email', 'payments.initiate'].map(
      (name) => ({
        name,
        kind: scopeKind(name),
      }),
    );
    expect(byConsequence(scopes).map((scope) => scope.name)).toEqual([
      'payments.initiate',
      'photos.write',
      'offline_access',
      'openid',
      'email',
    ]);
  });
});
