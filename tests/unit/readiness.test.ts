/** Readiness probes: one check per interval however many probes, and one log line per change. */
import { describe, expect, it } from 'vitest';
import { createReadiness, type ReadinessOutcome } from '@/lib/readiness';

function harness(maxAgeMs = 5_000) {
  let clock = 0;
  let backendUp = true;
  const calls = { store: 0, backend: 0 };
  const changes: ReadinessOutcome[] = [];
  const readiness = createReadiness({
    checks: [
      { failure: 'database_unreachable', run: async () => void calls.store++ },
      {
        failure: 'backend_unreachable',
        run: async () => {
          calls.backend++;
          await Promise.resolve();
          if (!backendUp) throw new Error('Authlete answered 503');
        },
      },
    ],
    maxAgeMs,
    onChange: (outcome) => changes.push(outcome),
    now: () => clock,
  });
  return {
    readiness,
    calls,
    changes,
    advance: (ms: number) => (clock += ms),
    setBackendUp: (up: boolean) => (backendUp = up),
  };
}

describe('createReadiness', () => {
  it('answers a hundred concurrent probes with one check', async () => {
    const { readiness, calls } = harness();
    const answers = await Promise.all(Array.from({ length: 100 }, () => readiness.current()));
    expect(answers.every((answer) => answer.ready)).toBe(true);
    expect(calls).toEqual({ store: 1, backend: 1 });
  });

  it('reuses an answer within the interval and checks again after it', async () => {
    const { readiness, calls, advance } = harness(5_000);
    await readiness.current();
    advance(4_999);
    await readiness.current();
    expect(calls.backend).toBe(1);
    advance(1);
    await readiness.current();
    expect(calls.backend).toBe(2);
  });

  it('turns unready on the first check after the backend fails, and logs each change once', async () => {
    const { readiness, changes, advance, setBackendUp } = harness(5_000);
    await readiness.current();
    setBackendUp(false);
    for (let probe = 0; probe < 20; probe++) {
      advance(1_000);
      await readiness.current();
    }
    expect(await readiness.current()).toMatchObject({
      ready: false,
      failure: 'backend_unreachable',
    });
    setBackendUp(true);
    advance(5_000);
    expect(await readiness.current()).toEqual({ ready: true });
    expect(changes.map((change) => (change.ready ? 'ready' : change.failure))).toEqual([
      'ready',
      'backend_unreachable',
      'ready',
    ]);
  });

  it('with an interval of 0, checks on every probe', async () => {
    const { readiness, calls } = harness(0);
    await readiness.current();
    await readiness.current();
    expect(calls.backend).toBe(2);
  });

  it('a failing store decides the outcome without asking the backend', async () => {
    const readiness = createReadiness({
      checks: [
        { failure: 'database_unreachable', run: () => Promise.reject(new Error('gone')) },
        { failure: 'backend_unreachable', run: () => Promise.reject(new Error('never asked')) },
      ],
      maxAgeMs: 1_000,
      onChange: () => {},
    });
    expect(await readiness.current()).toMatchObject({ failure: 'database_unreachable' });
  });
});
