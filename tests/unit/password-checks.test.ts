/** The global cap on concurrent password checks (lib/password-checks.ts). */
import { describe, expect, it } from 'vitest';
import { PasswordChecksBusy, createPasswordCheckGate } from '@/lib/password-checks';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('the password check gate', () => {
  it('runs at most `concurrent` checks at once, queues `waiting` more, and refuses the rest', async () => {
    const gate = createPasswordCheckGate(2, 3);
    let running = 0;
    let most = 0;
    const holds = Array.from({ length: 5 }, deferred);
    const checks = holds.map((hold, i) =>
      gate.run(async () => {
        running++;
        most = Math.max(most, running);
        await hold.promise;
        running--;
        return i;
      }),
    );
    // The sixth arrives while two run and three wait: refused without being run.
    let ranSixth = false;
    await expect(
      gate.run(async () => {
        ranSixth = true;
      }),
    ).rejects.toBeInstanceOf(PasswordChecksBusy);
    expect(ranSixth).toBe(false);

    for (const hold of holds) hold.resolve();
    expect(await Promise.all(checks)).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it('frees its place when a check fails, so failures cannot wedge it', async () => {
    const gate = createPasswordCheckGate(1, 0);
    await expect(gate.run(() => Promise.reject(new Error('hash failed')))).rejects.toThrow(
      'hash failed',
    );
    expect(await gate.run(async () => 'ok')).toBe('ok');
  });
});
