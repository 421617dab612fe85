/**
 * A stopping process exports its queued telemetry before it exits, but never waits longer than
 * its bound for a collector that does not answer (lib/telemetry/flush-on-exit.ts).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flushBeforeExit, type ExitingProcess } from '../../lib/telemetry/flush-on-exit';

function fakeProcess() {
  const listeners = new Map<string, () => void>();
  const exits: (number | undefined)[] = [];
  const target: ExitingProcess = {
    exit: ((code?: number) => {
      exits.push(code);
    }) as ExitingProcess['exit'],
    once: (signal, listener) => listeners.set(signal, listener),
  };
  return { target, exits, signal: (name: string) => listeners.get(name)?.() };
}

describe('flushBeforeExit', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('after SIGTERM, the exit waits for the flush, then exits with its code', async () => {
    const process = fakeProcess();
    let finish: () => void = () => {};
    const flush = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    flushBeforeExit(process.target, flush, 5000);

    process.signal('SIGTERM');
    process.target.exit(143);
    expect(flush).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(process.exits).toEqual([]);

    finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(process.exits).toEqual([143]);
  });

  it('a flush that never settles holds the exit for the bound only', async () => {
    const process = fakeProcess();
    flushBeforeExit(process.target, () => new Promise(() => {}), 5000);

    process.signal('SIGINT');
    process.target.exit(130);
    await vi.advanceTimersByTimeAsync(4999);
    expect(process.exits).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(process.exits).toEqual([130]);
  });

  it('a failing flush still lets the process exit', async () => {
    const process = fakeProcess();
    flushBeforeExit(process.target, () => Promise.reject(new Error('collector gone')), 5000);

    process.signal('SIGTERM');
    process.target.exit(143);
    await vi.advanceTimersByTimeAsync(0);
    expect(process.exits).toEqual([143]);
  });

  it('without a signal, exit is not held (a start-up failure exits at once)', () => {
    const process = fakeProcess();
    const flush = vi.fn(() => new Promise<void>(() => {}));
    flushBeforeExit(process.target, flush, 5000);

    process.target.exit(1);
    expect(process.exits).toEqual([1]);
    expect(flush).not.toHaveBeenCalled();
  });
});
