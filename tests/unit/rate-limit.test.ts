import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '@/lib/rate-limit';

describe('createRateLimiter', () => {
  it('allows `limit` writes a minute per person, then says how long to wait', () => {
    let now = 1_000_000;
    const limiter = createRateLimiter({ limit: 3, now: () => now });
    expect([1, 2, 3].map(() => limiter.take('alice').ok)).toEqual([true, true, true]);
    now += 20_000;
    expect(limiter.take('alice')).toEqual({ ok: false, retryAfterSeconds: 40 });
    // Someone else is not affected.
    expect(limiter.take('bob')).toEqual({ ok: true });
    now += 40_000;
    expect(limiter.take('alice')).toEqual({ ok: true });
  });

  it('slides: a refused write is not counted, and old writes fall out one by one', () => {
    let now = 0;
    const limiter = createRateLimiter({ limit: 2, now: () => now });
    limiter.take('alice');
    now = 30_000;
    limiter.take('alice');
    now = 59_000;
    expect(limiter.take('alice')).toEqual({ ok: false, retryAfterSeconds: 1 });
    now = 60_000;
    expect(limiter.take('alice')).toEqual({ ok: true });
    expect(limiter.take('alice')).toEqual({ ok: false, retryAfterSeconds: 30 });
  });
});
