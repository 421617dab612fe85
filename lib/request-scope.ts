/** Runs server work under the current request's id (set by proxy.ts), so its log lines carry it. */
import 'server-only';
import { headers } from 'next/headers';
import { REQUEST_ID_HEADER, acceptRequestId, withRequestId } from './request-id';

export async function withinRequest<T>(work: () => Promise<T>): Promise<T> {
  return withRequestId(acceptRequestId((await headers()).get(REQUEST_ID_HEADER)), work);
}
