/**
 * What every server action answers. Shared with the browser, which turns an
 * error code into words from the message catalogue.
 */
import type { GrantErrorCode } from './grants/errors';

export type ActionError = {
  code: GrantErrorCode;
  fieldErrors?: Record<string, string[]>;
  /** for `rate_limited` */
  retryAfterSeconds?: number;
};

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ActionError };

/** Thrown in the browser by `unwrap` so React Query sees a failed action as an error. */
export class ActionFailure extends Error {
  override name = 'ActionFailure';

  constructor(readonly error: ActionError) {
    super(error.code);
  }
}

export function unwrap<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new ActionFailure(result.error);
  return result.data;
}
