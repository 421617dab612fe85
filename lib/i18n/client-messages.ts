/**
 * The message namespaces the browser gets. Every page's HTML carries, in its React Server
 * Components payload, the catalogue handed to `NextIntlClientProvider`; namespaces only server
 * components read (the history page's, the not-found page's) are left out of it, which is bytes the
 * server serialises and escapes on every request and the browser parses (docs/performance.md,
 * "Rendering less per request"). `tests/unit/client-messages.test.ts` fails when a
 * `useTranslations` reads a namespace missing here.
 */
export const CLIENT_NAMESPACES = [
  'app',
  'apps',
  'bulk',
  'common',
  'errorPage',
  'errors',
  'grants',
  'pagination',
  'revoke',
  'session',
  'signIn',
  'stopRenewing',
] as const;

export function clientMessages<Messages extends Record<string, unknown>>(
  messages: Messages,
): Partial<Messages> {
  return Object.fromEntries(
    CLIENT_NAMESPACES.filter((namespace) => namespace in messages).map((namespace) => [
      namespace,
      messages[namespace],
    ]),
  ) as Partial<Messages>;
}
