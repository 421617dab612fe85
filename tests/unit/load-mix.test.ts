/**
 * The load run (scripts/load/) calls the app's server actions the way the browser does; what it
 * sends must stay what the actions accept, or every call of the run fails as invalid input (as
 * listApps did once the list gained a filter the run did not send).
 */
import { describe, expect, it } from 'vitest';
import { listAppsInputSchema } from '@/lib/grants/inputs';
import { listAppsInput } from '../../scripts/load/mix';

describe("the load run's action inputs", () => {
  it('asks listApps for a page in the shape the action accepts', () => {
    expect(listAppsInputSchema.safeParse(listAppsInput(3))).toMatchObject({
      success: true,
      data: { page: 3, size: 5, sort: 'oldest', q: '' },
    });
  });
});
