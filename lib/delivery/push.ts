/**
 * One RFC 8935 push: `POST` the SET to the receiver's endpoint as
 * `application/secevent+jwt`, with SSF_PUSH_AUTHORIZATION as the
 * `Authorization` header when set. 202 (or 200) means delivered. A 400 with
 * one of RFC 8935's error codes means the receiver will never take this SET:
 * permanent. Anything else — a timeout, a refused connection, a 5xx, a 401 or
 * 403 the operator can fix by correcting the authorization — is retried.
 * https://www.rfc-editor.org/rfc/rfc8935
 */
import { z } from 'zod';

/** RFC 8935 §2.4 and its IANA registry of Security Event Token Delivery Error Codes. */
export const PERMANENT_ERROR_CODES = [
  'invalid_request',
  'invalid_key',
  'invalid_issuer',
  'invalid_audience',
  'authentication_failed',
  'access_denied',
] as const;

export type PushSettings = {
  endpoint: string;
  /** the Authorization header's value; a secret, never logged */
  authorization: string | null;
  timeoutMs: number;
};

export type PushResult =
  { kind: 'delivered' } | { kind: 'permanent'; error: string } | { kind: 'retry'; error: string };

const errorBodySchema = z.object({
  err: z.enum(PERMANENT_ERROR_CODES),
  description: z.string().max(500).optional(),
});

export async function pushEvent(
  token: string,
  settings: PushSettings,
  fetchImpl: typeof fetch = fetch,
): Promise<PushResult> {
  let response: Response;
  try {
    response = await fetchImpl(settings.endpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/secevent+jwt',
        Accept: 'application/json',
        ...(settings.authorization ? { Authorization: settings.authorization } : {}),
      },
      body: token,
      redirect: 'manual',
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.name : 'error';
    return { kind: 'retry', error: `no answer (${reason})` };
  }
  if (response.status === 202 || response.status === 200) {
    await response.body?.cancel();
    return { kind: 'delivered' };
  }
  const text = await response.text().catch(() => '');
  if (response.status === 400) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    const parsed = errorBodySchema.safeParse(body);
    if (parsed.success) {
      const { err, description } = parsed.data;
      return { kind: 'permanent', error: description ? `${err}: ${description}` : err };
    }
  }
  return { kind: 'retry', error: `HTTP ${response.status}` };
}
