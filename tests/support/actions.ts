/**
 * Calls a server action over HTTP the way Next's router does in the browser,
 * so tests can reach an action directly — signed out, as someone else, with
 * inputs no form would send — and read what it answered.
 *
 * - The action's ID comes from the build's `server-reference-manifest.json`
 *   (file + export name), so the tests call the very build under test.
 * - Arguments are encoded as React's `encodeReply` does for plain values
 *   (JSON; strings starting with `$` escaped as `$$`; `undefined`, bigint,
 *   NaN and ±Infinity as `$` tokens), or as multipart when an argument is a
 *   form (the sign-in form's `useActionState` action).
 * - The answer is a React Flight stream; only as much of it is read as it takes
 *   to get the action's return value (row 0 names it, usually `$@1`).
 *
 * The request context decides who is calling: `page.request` carries the
 * page's cookies (a signed-in person), `request.newContext()` nobody's.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { APIRequestContext } from '@playwright/test';
import { recordAnswers } from './recording';

const MANIFEST = path.resolve(
  __dirname,
  '..',
  '..',
  '.next',
  'server',
  'server-reference-manifest.json',
);

/** Every server action in the app, by the file and export that define it. */
export const ACTIONS = {
  listApps: { file: 'app/apps/actions.ts', name: 'listApps' },
  updateScopes: { file: 'app/apps/actions.ts', name: 'updateScopes' },
  revokeApp: { file: 'app/apps/actions.ts', name: 'revokeApp' },
  revokeApps: { file: 'app/apps/actions.ts', name: 'revokeApps' },
  revokeAllApps: { file: 'app/apps/actions.ts', name: 'revokeAllApps' },
  countExpiredApps: { file: 'app/apps/actions.ts', name: 'countExpiredApps' },
  cleanUpExpiredApps: { file: 'app/apps/actions.ts', name: 'cleanUpExpiredApps' },
  getApp: { file: 'app/apps/actions.ts', name: 'getApp' },
  getGrants: { file: 'app/apps/actions.ts', name: 'getGrants' },
  endGrant: { file: 'app/apps/actions.ts', name: 'endGrant' },
  narrowGrant: { file: 'app/apps/actions.ts', name: 'narrowGrant' },
  stopGrantRenewing: { file: 'app/apps/actions.ts', name: 'stopGrantRenewing' },
  endRenewingGrants: { file: 'app/apps/actions.ts', name: 'endRenewingGrants' },
  stopRenewing: { file: 'app/apps/actions.ts', name: 'stopRenewing' },
  signInWithPassword: { file: 'app/sign-in/actions.ts', name: 'signInWithPassword' },
  signInWithOidc: { file: 'app/sign-in/actions.ts', name: 'signInWithOidc' },
  signInAgain: { file: 'app/sign-in/actions.ts', name: 'signInAgain' },
  signOutAndReturn: { file: 'app/sign-in/actions.ts', name: 'signOutAndReturn' },
  chooseLocale: { file: 'app/locale-actions.ts', name: 'chooseLocale' },
} as const;

export type ActionName = keyof typeof ACTIONS;
export type ActionRef = { file: string; name: string };

type ManifestEntry = {
  filename: string;
  exportedName: string;
  /** the pages whose bundle holds the action, e.g. `app/apps/[clientId]/page` */
  workers: Record<string, unknown>;
};
type Manifest = { node: Record<string, ManifestEntry> };

let manifest: Manifest | undefined;

function readManifest(): Manifest {
  if (!manifest) {
    if (!fs.existsSync(MANIFEST)) throw new Error(`${MANIFEST} is missing: run \`next build\``);
    manifest = JSON.parse(fs.readFileSync(MANIFEST, 'utf8')) as Manifest;
  }
  return manifest;
}

/** Every server action the build serves, as `file#export`. */
export function builtActions(): string[] {
  return Object.values(readManifest().node)
    .map((entry) => `${entry.filename}#${entry.exportedName}`)
    .sort();
}

/** The build's ID for the action `name` exported by `file`. */
export function actionId(action: ActionName | ActionRef): string {
  return manifestEntry(action)[0];
}

function manifestEntry(action: ActionName | ActionRef): [string, ManifestEntry] {
  const { file, name } = typeof action === 'string' ? ACTIONS[action] : action;
  const entries = Object.entries(readManifest().node).filter(
    ([, entry]) => entry.filename === file && entry.exportedName === name,
  );
  if (entries.length !== 1)
    throw new Error(`${entries.length} server actions named ${file}#${name}`);
  return entries[0]!;
}

/**
 * A page whose bundle holds the action, as a URL path: where the browser posts
 * it from. (Posted elsewhere, Next forwards it there with a second request.)
 * Route groups are dropped and dynamic segments filled with `1`.
 */
export function pageOf(action: ActionName | ActionRef): string {
  const [worker] = Object.keys(manifestEntry(action)[1].workers);
  if (!worker) return '/';
  const segments = worker
    .replace(/^app\//, '')
    .replace(/\/?page$/, '')
    .split('/')
    .filter((segment) => segment !== '' && !/^\(.*\)$/.test(segment))
    .map((segment) => (/^\[.*\]$/.test(segment) ? '1' : segment));
  return `/${segments.join('/')}`;
}

/** An argument sent as a form (multipart), as a `<form action>` sends its fields. */
export class FormArg {
  constructor(readonly fields: Readonly<Record<string, string>>) {}
}

export function form(fields: Record<string, string>): FormArg {
  return new FormArg(fields);
}

/** A body sent exactly as given, encoding nothing: for requests no React client would make. */
export class RawBody {
  constructor(readonly text: string) {}
}

export type ActionAnswer = {
  status: number;
  headers: Record<string, string>;
  /** the whole response body */
  body: string;
  /** true when the answer was a Flight stream that carried the action's return value */
  returned: boolean;
  /** the action's return value (undefined when it returned nothing, or did not return) */
  value: unknown;
  /** set when the action threw: the error row's fields (a digest, never the message in production) */
  thrown?: Record<string, unknown>;
  /** where the action redirected to (`x-action-redirect`), if it did */
  redirect?: string;
  /** the Set-Cookie lines of the answer */
  setCookies: string[];
  /** bytes of the request body sent (for a multipart form: its values, without the framing) */
  sentBytes: number;
};

export type CallOptions = {
  /** the page the request is posted to; default: a page that uses the action (`pageOf`) */
  path?: string;
  /** extra or replacing headers (an `Origin`, say) */
  headers?: Record<string, string>;
};

/** Calls `action` with `args` and reads its answer. Follows no redirect: a redirect is an answer. */
export async function callAction(
  request: APIRequestContext,
  action: ActionName | ActionRef | { id: string },
  args: readonly unknown[] | RawBody,
  options: CallOptions = {},
): Promise<ActionAnswer> {
  // Whoever made this context, the action's answer goes to the secret scan.
  recordAnswers(request);
  const known = typeof action === 'object' && 'id' in action ? undefined : action;
  const headers: Record<string, string> = {
    'Next-Action': known ? actionId(known) : (action as { id: string }).id,
    Accept: 'text/x-component',
    ...options.headers,
  };
  const target = options.path ?? (known ? pageOf(known) : '/');
  const isForm = !(args instanceof RawBody) && args.some((arg) => arg instanceof FormArg);
  const multipart = isForm ? encodeMultipart(args as readonly unknown[]) : undefined;
  const text = args instanceof RawBody ? args.text : isForm ? '' : encodeArgs(args);
  const sentBytes = multipart ? formValueBytes(multipart) : Buffer.byteLength(text);
  const response = multipart
    ? await request.post(target, { headers, multipart, maxRedirects: 0 })
    : await request.post(target, {
        headers: { 'Content-Type': 'text/plain;charset=UTF-8', ...headers },
        data: text,
        maxRedirects: 0,
      });
  const body = await response.text();
  const responseHeaders = response.headers();
  const setCookies = response
    .headersArray()
    .filter((header) => header.name.toLowerCase() === 'set-cookie')
    .map((header) => header.value);
  const answer: ActionAnswer = {
    status: response.status(),
    headers: responseHeaders,
    body,
    returned: false,
    value: undefined,
    setCookies,
    sentBytes,
  };
  const redirect = responseHeaders['x-action-redirect'];
  if (redirect) answer.redirect = redirect.split(';')[0];
  if ((responseHeaders['content-type'] ?? '').startsWith('text/x-component')) {
    Object.assign(answer, readActionResult(body));
  }
  return answer;
}

/** The JSON text `encodeReply` makes of plain arguments. */
export function encodeArgs(args: readonly unknown[]): string {
  return JSON.stringify(args.map((arg) => encodeValue(arg)));
}

function encodeValue(value: unknown): unknown {
  if (value === undefined) return '$undefined';
  if (typeof value === 'string') return value.startsWith('$') ? `$${value}` : value;
  if (typeof value === 'bigint') return `$n${value}`;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '$NaN';
    if (value === Infinity) return '$Infinity';
    if (value === -Infinity) return '$-Infinity';
    if (Object.is(value, -0)) return '$-0';
    return value;
  }
  if (value === null || typeof value === 'boolean') return value;
  if (value instanceof Date) return `$D${value.toISOString()}`;
  if (Array.isArray(value)) return value.map((item) => encodeValue(item));
  if (typeof value === 'object') {
    // Own keys only, `__proto__` included (JSON.parse makes it an own key), as an attacker could send.
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      Object.defineProperty(out, key, {
        value: encodeValue((value as Record<string, unknown>)[key]),
        enumerable: true,
        configurable: true,
        writable: true,
      });
    }
    return out;
  }
  throw new Error(`cannot send a ${typeof value} to a server action`);
}

/**
 * The multipart body `encodeReply` makes when arguments include forms: each
 * form's fields are prefixed `_<n>_`, and field `0` holds the arguments with
 * the form replaced by `$K<n>`. Order matters (React reads a form's fields
 * before the root), and a plain object would put the integer-like `0` first.
 */
/** The bytes of a form's values: its body's size less the multipart framing. */
function formValueBytes(body: FormData): number {
  let bytes = 0;
  for (const [, value] of body) bytes += typeof value === 'string' ? Buffer.byteLength(value) : 0;
  return bytes;
}

function encodeMultipart(args: readonly unknown[]): FormData {
  const body = new FormData();
  let next = 1;
  const root = args.map((arg) => {
    if (!(arg instanceof FormArg)) return encodeValue(arg);
    const n = next++;
    for (const [name, value] of Object.entries(arg.fields)) body.append(`_${n}_${name}`, value);
    return `$K${n.toString(16)}`;
  });
  body.append('0', JSON.stringify(root));
  return body;
}

type Row =
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; value: string }
  | { kind: 'error'; value: Record<string, unknown> };

/**
 * Reads the rows of a Flight stream: `<hex id>:<JSON>` lines, text rows
 * `<id>:T<hex length>,<text>` (long strings, no newline after them), error rows
 * `<id>:E{...}`. Other rows (module imports, hints) are skipped.
 */
export function parseFlightRows(body: string): Map<string, Row> {
  const rows = new Map<string, Row>();
  const bytes = Buffer.from(body, 'utf8');
  let at = 0;
  while (at < bytes.length) {
    const colon = bytes.indexOf(0x3a, at);
    if (colon < 0) break;
    const id = bytes.subarray(at, colon).toString('utf8');
    const tag = String.fromCharCode(bytes[colon + 1] ?? 0);
    if (tag === 'T') {
      const comma = bytes.indexOf(0x2c, colon);
      const length = parseInt(bytes.subarray(colon + 2, comma).toString('utf8'), 16);
      rows.set(id, {
        kind: 'text',
        value: bytes.subarray(comma + 1, comma + 1 + length).toString('utf8'),
      });
      at = comma + 1 + length;
      continue;
    }
    let end = bytes.indexOf(0x0a, colon);
    if (end < 0) end = bytes.length;
    const payload = bytes.subarray(colon + 1, end).toString('utf8');
    at = end + 1;
    if (!/^[0-9a-f]+$/.test(id)) continue;
    if (tag === 'E')
      rows.set(id, {
        kind: 'error',
        value: JSON.parse(payload.slice(1)) as Record<string, unknown>,
      });
    else if (/^[[{"0-9tfn-]/.test(payload))
      rows.set(id, { kind: 'json', value: JSON.parse(payload) as unknown });
  }
  return rows;
}

/** The action's return value from a Flight answer: row 0's `a`, with references resolved. */
export function readActionResult(
  body: string,
): Pick<ActionAnswer, 'returned' | 'value' | 'thrown'> {
  const rows = parseFlightRows(body);
  const root = rows.get('0');
  if (
    root?.kind !== 'json' ||
    typeof root.value !== 'object' ||
    root.value === null ||
    !('a' in root.value)
  )
    return { returned: false, value: undefined };
  const thrown: { error?: Record<string, unknown> } = {};
  const value = resolve((root.value as { a: unknown }).a, rows, thrown, 0);
  return thrown.error
    ? { returned: false, value: undefined, thrown: thrown.error }
    : { returned: true, value };
}

function resolve(
  value: unknown,
  rows: Map<string, Row>,
  thrown: { error?: Record<string, unknown> },
  depth: number,
): unknown {
  if (depth > 64) throw new Error('Flight references nest too deep');
  if (typeof value === 'string' && value.startsWith('$')) {
    const token = value.slice(1);
    if (token.startsWith('$')) return token;
    if (token === 'undefined') return undefined;
    if (token === 'NaN') return NaN;
    if (token === 'Infinity') return Infinity;
    if (token === '-Infinity') return -Infinity;
    if (token === '-0') return -0;
    if (token.startsWith('n')) return BigInt(token.slice(1));
    if (token.startsWith('D')) return new Date(token.slice(1));
    const ref = /^@?([0-9a-f]+)$/.exec(token);
    if (ref) {
      const row = rows.get(ref[1]!);
      if (!row) throw new Error(`Flight row ${ref[1]} is missing`);
      if (row.kind === 'error') {
        thrown.error = row.value;
        return undefined;
      }
      return row.kind === 'text' ? row.value : resolve(row.value, rows, thrown, depth + 1);
    }
    return value;
  }
  if (Array.isArray(value)) return value.map((item) => resolve(item, rows, thrown, depth + 1));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, resolve(item, rows, thrown, depth + 1)]),
    );
  }
  return value;
}
