/**
 * Here only so the baseline has no proxy: without a proxy file of its own,
 * Turbopack builds the workspace root's proxy.ts (the app's) into this project
 * (seen with next 16.4.6). This one matches no path the bench requests, so
 * Next never runs it.
 */
export function proxy() {}

export const config = { matcher: '/__baseline-has-no-proxy' };
