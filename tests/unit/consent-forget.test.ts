/**
 * Removing access leaves the app nothing: after the tokens, the consent the service remembers is
 * deleted too, as a best effort, also when the app was already gone; its failure never fails the
 * removal. Over the wire in v2 (POST, subject in the body) and v3 (DELETE, subject in the query).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createEmbeddedStore } from '@/lib/embedded/embedded-store';
import { createGrantService } from '@/lib/grants/grant-service';
import {
  startAdapterHarness,
  type AdapterHarness,
} from '../support/authlete-server/adapter-harness';
import { atLevel, captureLogLines } from '../support/log-lines';
import { freshDatabase } from '../support/memory-db';
import { createWorld } from '../support/world';

let harness: AdapterHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

const consentDeletes = (h: AdapterHarness) =>
  h.server.requests().filter((request) => request.operation === 'granted_scopes.delete');

describe.each(['V2', 'V3'] as const)('forgetting consent over Authlete %s', (version) => {
  it('follows the token delete, and also runs when the app was already revoked', async () => {
    harness = await startAdapterHarness(version);
    const user = harness.world.createPerson();
    const app = harness.world.createApp();
    harness.world.grant(user, app, ['openid']);
    const service = createGrantService({
      store: harness.store,
      subject: user.subject,
      locale: 'en',
    });

    expect(await service.revokeApp(app.clientId)).toEqual({
      alreadyRevoked: false,
      consentForgotten: true,
    });
    expect(await service.revokeApp(app.clientId)).toEqual({
      alreadyRevoked: true,
      consentForgotten: true,
    });
    const operations = harness.server.requests().map((request) => request.operation);
    expect(operations.indexOf('authorization.delete')).toBeLessThan(
      operations.indexOf('granted_scopes.delete'),
    );
    const sent = consentDeletes(harness);
    expect(sent).toHaveLength(2);
    for (const request of sent) {
      expect(request.path).toMatch(new RegExp(`/client/granted_scopes/delete/${app.clientId}$`));
      if (version === 'V3') {
        expect(request.method).toBe('DELETE');
        expect(request.query).toEqual({ subject: user.subject });
      } else {
        expect(request.method).toBe('POST');
        expect(request.body).toEqual({ subject: user.subject });
      }
    }
  });

  it('never fails the removal when the consent delete fails, and logs it', async () => {
    harness = await startAdapterHarness(version);
    const lines = captureLogLines();
    const user = harness.world.createPerson();
    const app = harness.world.createApp();
    harness.world.grant(user, app, ['openid']);
    harness.server.injectFault({
      operation: 'granted_scopes.delete',
      fault: { type: 'status', status: 403 },
    });
    const service = createGrantService({
      store: harness.store,
      subject: user.subject,
      locale: 'en',
    });

    expect(await service.revokeApp(app.clientId)).toEqual({ alreadyRevoked: false });
    expect(harness.world.tokensOf(user, app)).toEqual([]);
    expect(atLevel(lines, 'warn').map((line) => line.msg)).toContain(
      'grants.consent_forget_failed',
    );
  });
});

describe('on the embedded backend', () => {
  it('says nothing of consent: it keeps no record apart from the tokens', async () => {
    const db = freshDatabase();
    const world = createWorld(db);
    const { user, app } = world.personWithApp(['openid']);
    const service = createGrantService({
      store: createEmbeddedStore(db),
      subject: user.subject,
      locale: 'en',
    });
    expect(await service.revokeApp(app.clientId)).toEqual({ alreadyRevoked: false });
  });
});
