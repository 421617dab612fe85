/**
 * Server actions called the way the browser calls them: a POST to the page
 * that uses them, the action's ID in `Next-Action`, the arguments as a JSON
 * array, a React Flight answer. The IDs come from this checkout's build, so a
 * --url instance must serve that same build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Browser, Timed } from './http';

type ActionName = 'listApps' | 'updateScopes' | 'revokeApp';
export type ActionIds = Record<ActionName, string>;

const ACTIONS_FILE = 'app/apps/actions.ts';

const manifestSchema = z.object({
  node: z.record(z.string(), z.object({ filename: z.string(), exportedName: z.string() })),
});

/** Reads the IDs of app/apps/actions.ts's exports from .next/server/server-reference-manifest.json. */
export function readActionIds(root: string): ActionIds {
  const file = path.join(root, '.next', 'server', 'server-reference-manifest.json');
  const manifest = manifestSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  const entries = Object.entries(manifest.node);
  const idOf = (name: ActionName) => {
    const found = entries.find(
      ([, action]) => action.filename === ACTIONS_FILE && action.exportedName === name,
    );
    if (!found) throw new Error(`no action ${name} of ${ACTIONS_FILE} in ${file}`);
    return found[0];
  };
  return {
    listApps: idOf('listApps'),
    updateScopes: idOf('updateScopes'),
    revokeApp: idOf('revokeApp'),
  };
}

/** POSTs one action to /apps with `input` as its only argument. */
export function callAction(
  browser: Browser,
  baseUrl: string,
  actionId: string,
  input: unknown,
): Promise<Timed> {
  return browser.request('/apps', {
    method: 'POST',
    headers: {
      'Next-Action': actionId,
      'Content-Type': 'text/plain;charset=UTF-8',
      Accept: 'text/x-component',
      // A browser always sends Origin with a POST; Next checks it against Host (its CSRF defence).
      Origin: baseUrl,
    },
    body: JSON.stringify([input]),
  });
}

/**
 * Why an action's answer is not a success, or null when it is: status 200
 * and `"ok":true` in the Flight text (the actions answer `{ ok, data | error }`).
 */
export function actionFailure(answer: Timed): string | null {
  if (answer.status !== 200) return `HTTP ${answer.status}`;
  if (answer.body.includes('"ok":true')) return null;
  const code = /"code":"([a-z_]+)"/.exec(answer.body)?.[1];
  return code ? `ok:false ${code}` : 'no "ok":true in the answer';
}
