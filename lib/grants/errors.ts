/**
 * Typed failures of the data layer. Each has a stable code; the UI maps codes
 * to words through the message catalogue (`errors.<code>`), so no backend text
 * ever reaches a person.
 */

export const GRANT_ERROR_CODES = [
  /** no signed-in person */
  'unauthenticated',
  /** the input failed validation */
  'invalid_input',
  /** the app is unknown or this person has not authorized it */
  'app_not_found',
  /** no grant of this person's for the app has that id (made up, another person's, or ended) */
  'grant_not_found',
  /** an update asked for a scope the app does not hold: only narrowing is allowed */
  'scope_not_granted',
  /** unticking offline_access where the backend cannot stop renewal (v2): end the grants instead */
  'renewal_not_stoppable',
  /** an update with no scopes; revoking is a separate, confirmed action */
  'empty_scopes',
  /** revoking in bulk needs a sign-in within RECENT_SIGNIN_SECONDS */
  'reauth_required',
  /** too many changes in the last minute (WRITE_LIMIT_PER_MINUTE) */
  'rate_limited',
  /** this person asked for more backend reads in the last minute than one person may (READ_BUDGET) */
  'read_budget_exceeded',
  /** the backend is saturated: too many calls waiting in this process, or Authlete answered 429 */
  'backend_busy',
  /** the backend could not be reached or refused our credentials */
  'backend_unavailable',
  /** anything we did not foresee; details are in the server log */
  'unexpected',
] as const;

export type GrantErrorCode = (typeof GRANT_ERROR_CODES)[number];

export class GrantError extends Error {
  override name = 'GrantError';
  /** for `rate_limited`, `read_budget_exceeded` and `backend_busy`: when the person may try again */
  retryAfterSeconds?: number;

  constructor(
    readonly code: GrantErrorCode,
    message: string = code,
    options?: ErrorOptions & { retryAfterSeconds?: number },
  ) {
    super(message, options);
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}
