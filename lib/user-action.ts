/**
 * Builds a server action for the signed-in person. Server actions are public
 * POST endpoints, so each one goes through the same gate in the same order:
 * session first (the data layer takes the subject from it), zod second (strict:
 * unknown fields such as a forged `subject` are refused), then one data-layer
 * call. Failures come back as codes; raw backend text is only logged.
 */
import 'server-only';
import { z } from 'zod';
import type { ActionResult } from './action-result';
import { GrantError, grantsForSignedInUser } from './grants';
import type { GrantService } from './grants/grant-service';
import { log } from './log';

export function userAction<Schema extends z.ZodType, Result>(
  name: string,
  schema: Schema,
  run: (input: z.output<Schema>, grants: GrantService) => Promise<Result>,
): (input: z.input<Schema>) => Promise<ActionResult<Result>> {
  return async (input) => {
    try {
      const grants = await grantsForSignedInUser();
      const parsed = schema.safeParse(input);
      if (!parsed.success) {
        const { fieldErrors } = z.flattenError(parsed.error);
        return {
          ok: false,
          error: { code: 'invalid_input', fieldErrors: fieldErrors as Record<string, string[]> },
        };
      }
      return { ok: true, data: await run(parsed.data, grants) };
    } catch (error) {
      if (error instanceof GrantError) {
        if (error.code === 'backend_unavailable' || error.code === 'unexpected')
          log.error('action.failed', { action: name, error });
        return { ok: false, error: { code: error.code } };
      }
      log.error('action.crashed', { action: name, error });
      return { ok: false, error: { code: 'unexpected' } };
    }
  };
}
