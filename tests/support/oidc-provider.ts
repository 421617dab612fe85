/**
 * A real OpenID Provider for tests (the `oidc-provider` package): people sign
 * in at its own login page and the app receives an ID token whose `sub` is
 * the person's subject in the test database — the subject Authlete knows.
 * Its login page is oidc-provider's development interaction: it takes the
 * subject as the login and does not check the password, which is all a test
 * provider needs; findAccount still refuses subjects the database lacks.
 */
import type { Server } from 'node:http';
import Provider, { type Configuration } from 'oidc-provider';
import type { Db } from '../../lib/embedded/database';

export type TestOpenIdProviderOptions = {
  db: Db;
  port: number;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  /** where the app asks to come back after RP-initiated logout */
  postLogoutRedirectUri: string;
  /**
   * The origins of more apps that sign people in with the same client, at
   * `{url}/api/auth/callback/oidc`, back to `{url}/signed-out` (the v2 Authlete-mode app shares
   * the v3 one's provider).
   */
  otherAppUrls?: readonly string[];
};

export async function startTestOpenIdProvider(
  options: TestOpenIdProviderOptions,
): Promise<{ issuer: string; close(): Promise<void> }> {
  const issuer = `http://localhost:${options.port}`;
  const others = options.otherAppUrls ?? [];
  const findUser = options.db.prepare<
    [string],
    { subject: string; display_name: string; login: string }
  >('SELECT subject, display_name, login FROM users WHERE subject = ?');
  const configuration: Configuration = {
    clients: [
      {
        client_id: options.clientId,
        client_secret: options.clientSecret,
        redirect_uris: [
          options.redirectUri,
          ...others.map((url) => `${url}/api/auth/callback/oidc`),
        ],
        post_logout_redirect_uris: [
          options.postLogoutRedirectUri,
          ...others.map((url) => `${url}/signed-out`),
        ],
        // Every ID token carries auth_time, which the app's "recent sign-in" reads.
        require_auth_time: true,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], profile: ['name'], email: ['email'] },
    // next-auth reads the ID token's claims, not userinfo: put the profile claims in it.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['test-only-oidc-cookie-key'] },
    async findAccount(_ctx, sub) {
      const user = findUser.get(sub);
      if (!user) return undefined;
      return {
        accountId: user.subject,
        claims: async () => ({
          sub: user.subject,
          name: user.display_name,
          email: `${user.login}@example.test`,
        }),
      };
    },
    // The app is the operator's own (first-party) client: no consent screen.
    async loadExistingGrant(ctx) {
      const { Grant } = ctx.oidc.provider;
      const existing = ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (existing) return Grant.find(existing);
      const grant = new Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  const server: Server = await new Promise((resolve) => {
    const listening = provider.listen(options.port, 'localhost', () => resolve(listening));
  });
  return {
    issuer,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
