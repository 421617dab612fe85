/**
 * The Authlete adapter learns from the Service's `accessTokenSignAlg` whether
 * access tokens are self-contained (JWT), from the same `/service/get` read as
 * the scope catalogue (one call for both); where it may not read the service,
 * the format is unknown and nothing is claimed.
 */
import { describe, expect, it } from 'vitest';
import { harnessPerTest } from '../support/authlete-server/harness-per-test';

const start = harnessPerTest();

describe('access token format from the Service', () => {
  it.each(['V2', 'V3'] as const)(
    '%s: accessTokenSignAlg set → self-contained; one /service/get for it and the scopes',
    async (version) => {
      const h = await start(version, { server: { accessTokenSignAlg: 'ES256' } });
      expect(await h.store.accessTokensSelfContained?.()).toBe(true);
      expect((await h.store.scopeCatalogue()).length).toBeGreaterThan(0);
      expect(h.server.requests().map((request) => request.operation)).toEqual(['service.get']);
    },
  );

  it.each(['V2', 'V3'] as const)('%s: accessTokenSignAlg unset → opaque', async (version) => {
    const h = await start(version);
    expect(await h.store.accessTokensSelfContained?.()).toBe(false);
  });

  it('V2 without service-owner credentials: unknown, so not claimed', async () => {
    const h = await start('V2', { server: { accessTokenSignAlg: 'ES256' } });
    const store = h.storeWith({ serviceOwnerApiKey: undefined, serviceOwnerApiSecret: undefined });
    expect(await store.accessTokensSelfContained?.()).toBe(false);
    expect(h.server.requests().map((request) => request.operation)).not.toContain('service.get');
  });

  it('V3 refused the service view (403): unknown, so not claimed', async () => {
    const h = await start('V3', { server: { accessTokenSignAlg: 'ES256' } });
    h.server.injectFault({
      operation: 'service.get',
      fault: { type: 'status', status: 403, resultCode: 'A001215' },
    });
    expect(await h.store.accessTokensSelfContained?.()).toBe(false);
  });
});
