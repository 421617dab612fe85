/** What the start-up log warns an operator about: settings that are allowed but unsafe. */
import type { AppConfig } from './env';

export type StartupWarning = { msg: string; why: string };

export function startupWarnings(
  settings: Pick<AppConfig, 'backend' | 'demoLogin'>,
): StartupWarning[] {
  const warnings: StartupWarning[] = [];
  if (settings.backend.kind === 'authlete' && settings.demoLogin) {
    warnings.push({
      msg: 'config.demo_login_against_authlete',
      why: 'AUTH_DEMO_LOGIN=true: anyone who knows a demo password can act as that subject on this Authlete service. For a sandbox service only; never in production',
    });
  }
  return warnings;
}
