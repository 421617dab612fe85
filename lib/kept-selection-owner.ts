/**
 * Whose selection the browser keeps across a "sign in again" round trip
 * (components/apps/list/kept-selection.ts): an opaque tag of the signed-in
 * person, so a selection kept in a tab is restored only for the same person
 * (on a shared computer someone else may sign in next), without the subject
 * itself going into the browser's storage. An HMAC under AUTH_SECRET: nobody
 * can make the tag of another subject, and it tells nothing about the subject.
 */
import 'server-only';
import { createHmac } from 'node:crypto';

export function keptSelectionOwner(subject: string): string {
  // AUTH_SECRET is checked at start (lib/env.ts); next-auth reads it from the environment too.
  return createHmac('sha256', process.env.AUTH_SECRET ?? '')
    .update(`kept-selection\0${subject}`)
    .digest('base64url')
    .slice(0, 22);
}
