/**
 * The change seam for the signed-in person's request: their subject, a
 * summary of the browser they use, and the app store opened at start-up.
 */
import 'server-only';
import { headers } from 'next/headers';
import { changeEvents } from '../events';
import { appStore } from '../store';
import { createChangeRecorder } from './recorder';
import type { ChangeRecorder } from './types';
import { summarizeUserAgent } from './user-agent';

export async function changesForRequest(subject: string): Promise<ChangeRecorder> {
  const store = appStore();
  return createChangeRecorder({
    subject,
    userAgent: summarizeUserAgent(await headers()),
    history: store.history,
    outbox: store.outbox,
    events: await changeEvents(),
  });
}

export { wasRecorded } from './recorder';
export type { ChangePlan, ChangeRecorder } from './types';
