/**
 * Authlete's wire conventions for the test server: JSON written with
 * lossless-json (so bigint client IDs come out as bare numbers, as Authlete's
 * Java longs do), and `{resultCode, resultMessage}` bodies.
 */
import type { ServerResponse } from 'node:http';
import { stringify } from 'lossless-json';

/**
 * Result codes. The first group is documented
 * (docs/authlete.md#errors-and-result-codes). Authlete documents no codes for
 * the rest, so these are placeholders in the A999… range, where no real code
 * lives.
 */
export const RESULT_CODES = {
  serverError: 'A001101',
  missingCredentials: 'A001202',
  forbidden: 'A001215',
  deleted: 'A137001',
  updated: 'A138001',
  tokenUpdated: 'A135001',
  tokenRevoked: 'A312001',
  badRequest: 'A999201',
  wrongService: 'A999203',
  unknownClient: 'A999301',
  unknownService: 'A999302',
  tokenNotFound: 'A999303',
  grantedScopesDeleted: 'A999002',
  noSuchApi: 'A999404',
} as const;

export type AuthleteAnswer = { status: number; body: unknown };

/** An Authlete result body: the message starts with the code and names the API. */
export function result(
  status: number,
  code: string,
  apiPath: string,
  text: string,
): AuthleteAnswer {
  return { status, body: { resultCode: code, resultMessage: `[${code}] ${apiPath}, ${text}` } };
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent || response.destroyed) return;
  const text = stringify(body) ?? 'null';
  response.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}

export function sendText(response: ServerResponse, status: number, text: string): void {
  if (response.headersSent || response.destroyed) return;
  response.writeHead(status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(text),
  });
  response.end(text);
}
