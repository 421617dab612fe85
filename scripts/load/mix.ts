/**
 * What one virtual person does, one request at a time: reads list pages
 * (server-rendered and through the listApps action), narrows an app's scopes
 * and removes an app's access, in fixed proportions. Each person is driven by
 * one worker only, so the person's grants are known here without asking, and
 * each request can be checked against them.
 */
import { DEFAULT_LIST_PARAMS, type ListParams } from '../../lib/list-params';
import { actionFailure, callAction, type ActionIds } from './actions';
import { attempt, type Sample } from './drive';
import type { Browser, Timed } from './http';
import { GRANTED_SCOPES, type LoadWorld, type VirtualPerson } from './world';

export const OPERATIONS = [
  'GET /apps?page=N',
  'action listApps',
  'action updateScopes',
  'action revokeApp',
] as const;
export type Operation = (typeof OPERATIONS)[number];

/** Reads outnumber writes, as on a page people mostly look at. */
const WEIGHTS: Record<Operation, number> = {
  'GET /apps?page=N': 35,
  'action listApps': 35,
  'action updateScopes': 15,
  'action revokeApp': 15,
};

const PAGE_SIZE = 5;

/**
 * What the list sends the listApps action for page `page` of the person's apps, oldest first:
 * the list's defaults for everything else, so a filter the list gains is sent as the list sends it
 * (tests/unit/load-mix.test.ts holds it to the action's input schema).
 */
export function listAppsInput(page: number): ListParams {
  return { ...DEFAULT_LIST_PARAMS, page, size: PAGE_SIZE, sort: 'oldest' };
}

export type VirtualUser = {
  /** Performs one operation drawn from the mix. */
  step(): Promise<Sample>;
  /** Loads the list page and the actions' route once, untimed; throws on failure. */
  warmUp(): Promise<void>;
};

export function createVirtualUser(
  world: LoadWorld,
  person: VirtualPerson,
  browser: Browser,
  baseUrl: string,
  actionIds: ActionIds,
): VirtualUser {
  /** The scopes each of this person's apps holds now. */
  const granted = new Map(world.clientIds.map((id) => [id, [...GRANTED_SCOPES]]));
  const pageCount = () => Math.ceil(granted.size / PAGE_SIZE);

  function regrant(clientId: string) {
    world.regrant(person, clientId);
    granted.set(clientId, [...GRANTED_SCOPES]);
  }

  async function page(): Promise<Sample> {
    const answer = await browser.request(`/apps?page=${randomInt(pageCount()) + 1}`);
    return sample('GET /apps?page=N', answer, pageFailure(answer));
  }

  function pageFailure(answer: Timed): string | null {
    if (answer.status !== 200) return `HTTP ${answer.status} ${answer.location ?? ''}`.trim();
    return answer.body.includes(world.appNamePrefix) ? null : "page without the person's apps";
  }

  async function listApps(): Promise<Sample> {
    const input = listAppsInput(randomInt(pageCount()) + 1);
    const answer = await callAction(browser, baseUrl, actionIds.listApps, input);
    return sample('action listApps', answer, actionFailure(answer));
  }

  /** Drops one scope the app still holds; an app left with one scope is authorized afresh. */
  async function updateScopes(): Promise<Sample> {
    const clientId = pick([...granted.keys()]);
    const scopes = granted.get(clientId)!;
    const dropped = pick(scopes);
    const kept = scopes.filter((scope) => scope !== dropped);
    const answer = await callAction(browser, baseUrl, actionIds.updateScopes, {
      clientId,
      scopes: kept,
    });
    // The answer is the app as it is now: the dropped scope must be gone from it.
    const failure =
      actionFailure(answer) ??
      (answer.body.includes(`"name":"${dropped}"`) ? `still holds ${dropped}` : null);
    if (!failure) granted.set(clientId, kept);
    if (kept.length === 1) regrant(clientId);
    return sample('action updateScopes', answer, failure);
  }

  /** Removes one app's access, then authorizes it afresh (untimed), so access never runs out. */
  async function revokeApp(): Promise<Sample> {
    const clientId = pick([...granted.keys()]);
    const answer = await callAction(browser, baseUrl, actionIds.revokeApp, { clientId });
    // This worker alone drives this person: the app held access, so "already revoked" is wrong.
    const failure =
      actionFailure(answer) ??
      (answer.body.includes('"alreadyRevoked":false') ? null : 'reported already revoked');
    regrant(clientId);
    return sample('action revokeApp', answer, failure);
  }

  const run: Record<Operation, () => Promise<Sample>> = {
    'GET /apps?page=N': page,
    'action listApps': listApps,
    'action updateScopes': updateScopes,
    'action revokeApp': revokeApp,
  };

  return {
    step() {
      const operation = drawOperation();
      return attempt(operation, run[operation]);
    },
    async warmUp() {
      for (const read of [page, listApps]) {
        const { operation, error } = await read();
        if (error) throw new Error(`warm-up ${operation} of ${person.login} failed: ${error}`);
      }
    },
  };
}

function sample(operation: Operation, answer: Timed, error: string | null): Sample {
  return { operation, ms: answer.ms, error };
}

const TOTAL_WEIGHT = OPERATIONS.reduce((sum, operation) => sum + WEIGHTS[operation], 0);

function drawOperation(): Operation {
  let ticket = Math.random() * TOTAL_WEIGHT;
  for (const operation of OPERATIONS) {
    ticket -= WEIGHTS[operation];
    if (ticket < 0) return operation;
  }
  return OPERATIONS[0];
}

function randomInt(below: number): number {
  return Math.floor(Math.random() * below);
}

function pick<T>(items: readonly T[]): T {
  return items[randomInt(items.length)]!;
}
