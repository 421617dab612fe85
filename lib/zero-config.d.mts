/** Types for zero-config.mjs (plain JavaScript so the start scripts run it with Node alone). */

export type Backend = 'embedded' | 'authlete';

/** Authlete when AUTHLETE_BASE_URL is set (not blank), else the embedded backend. */
export function chooseBackend(env: { readonly AUTHLETE_BASE_URL?: string | undefined }): Backend;

/** The environment with every zero-configuration default filled in, and what to tell the operator. */
export function withZeroConfigDefaults(
  env: Readonly<Record<string, string | undefined>>,
  where: { root: string; cwd?: string },
): { env: Record<string, string | undefined>; backend: Backend; notices: string[] };
