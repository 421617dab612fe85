/**
 * Here only so the baseline starts up bare: without an instrumentation file of
 * its own, Turbopack builds the workspace root's instrumentation.ts (the app's
 * configuration check and database start-up) into this project (seen with
 * next 16.4.6).
 */
export function register() {}
