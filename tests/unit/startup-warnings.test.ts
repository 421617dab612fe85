/** The start-up warnings an operator reads in the log (lib/startup-warnings.ts). */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/env';
import { startupWarnings } from '@/lib/startup-warnings';

const AUTHLETE = {
  AUTH_SECRET: 'x'.repeat(32),
  AUTHLETE_BASE_URL: 'https://us.authlete.com',
  AUTHLETE_SERVICE_APIKEY: '715948317',
  AUTHLETE_SERVICE_ACCESSTOKEN: 'service-access-token-value',
};

describe('start-up warnings', () => {
  it('warn when the demo password sign-in is on against a real Authlete service', () => {
    const warnings = startupWarnings(parseConfig({ ...AUTHLETE, AUTH_DEMO_LOGIN: 'true' }));
    expect(warnings).toEqual([
      {
        msg: 'config.demo_login_against_authlete',
        why: expect.stringContaining('AUTH_DEMO_LOGIN=true'),
      },
    ]);
  });

  it('are silent on the embedded demo and with an OpenID Provider only', () => {
    expect(startupWarnings(parseConfig({ AUTH_SECRET: 'x'.repeat(32) }))).toEqual([]);
    expect(
      startupWarnings(
        parseConfig({
          ...AUTHLETE,
          AUTH_OIDC_ISSUER: 'https://id.example.com',
          AUTH_OIDC_ID: 'connected-apps',
          AUTH_OIDC_SECRET: 'oidc-client-secret-value',
        }),
      ),
    ).toEqual([]);
  });
});
