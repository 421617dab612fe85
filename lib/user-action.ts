/**
 * Builds a server action for the signed-in person. Server actions are public
 * POST endpoints, so each one goes through the same gate in the same order:
 * session first (the data layer takes the subject from it), zod second (strict:
 * unknown fields such as a forged `subject` are refused), then — for writes —
 * a recent sign-in where the action needs one (refused before the limit is
 * counted, so a refusal costs no slot), then the per-person write limit (counted
 * in the app store, so shared by every instance on the same database), then one
 * data-layer call. A change the data layer makes is recorded and audited by the
 * change seam (lib/changes); a write refused before it gets there (the limit, the
 * data layer's own checks) leaves an audit line here, and nothing in history.
 * Failures come back as codes; raw backend text is only logged.
 */
import 'server-only';
import { z } from 'zod';
import type { ActionResult } from './action-result';
import { wasRecorded } from './changes/recorder';
import { config } from './env';
import { GrantError, grantsForSignedInUser } from './grants';
import type { GrantService } from './grants/grant-service';
import { log } from './log';
import { withinRequest } from './request-scope';
import { appStore } from './store';
import type { Limiter } from './store/limiter';

type Options<Input> = {
  /** needs a recent sign-in: refused before the write limit is counted, so a refusal costs no slot */
  recentSignIn?: boolean;
  /** a write: counted against the limit; when refused, audited with these facts about what was asked */
  write?: { audit: (input: Input) => Record<string, unknown> };
};

const holder = globalThis as typeof globalThis & { __writeLimiter?: Limiter };

function writeLimiter(): Limiter {
  holder.__writeLimiter ??= appStore().limiter({
    name: 'write',
    points: config().writeLimitPerMinute,
    durationSeconds: 60,
  });
  return holder.__writeLimiter;
}

export function userAction<Schema extends z.ZodType, Result>(
  name: string,
  schema: Schema,
  run: (input: z.output<Schema>, grants: GrantService) => Promise<Result>,
  options: Options<z.output<Schema>> = {},
): (input: z.input<Schema>) => Promise<ActionResult<Result>> {
  return async (input) => {
    return withinRequest(async (): Promise<ActionResult<Result>> => {
      let grants: GrantService | undefined;
      let audit: Record<string, unknown> | undefined;
      try {
        grants = await grantsForSignedInUser();
        // Every action takes one plain object; a Date or Map has no own keys and would pass `{}`.
        const parsed = isPlainObject(input) ? schema.safeParse(input) : schema.safeParse(undefined);
        if (!parsed.success) {
          const { fieldErrors } = z.flattenError(parsed.error);
          return {
            ok: false,
            error: { code: 'invalid_input', fieldErrors: fieldErrors as Record<string, string[]> },
          };
        }
        if (options.write) {
          audit = options.write.audit(parsed.data);
          if (options.recentSignIn) grants.requireRecentSignIn();
          const allowed = await writeLimiter().take(grants.subject);
          if (!allowed.ok) {
            throw new GrantError('rate_limited', 'write limit reached', {
              retryAfterSeconds: allowed.retryAfterSeconds,
            });
          }
        }
        // A change that happens writes its audit line in the seam, with history and events.
        const data = await run(parsed.data, grants);
        return { ok: true, data };
      } catch (error) {
        const code = error instanceof GrantError ? error.code : 'unexpected';
        if (audit && grants && !wasRecorded(error))
          log.info('audit', {
            actor: grants.subject,
            action: name,
            ...audit,
            outcome: 'refused',
            code,
          });
        if (code === 'backend_unavailable' || code === 'unexpected')
          log.error('action.failed', { action: name, error });
        const retryAfterSeconds = error instanceof GrantError ? error.retryAfterSeconds : undefined;
        return { ok: false, error: { code, ...(retryAfterSeconds ? { retryAfterSeconds } : {}) } };
      }
    });
  };
}

function isPlainObject(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
