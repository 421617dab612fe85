/** Size limits shared by the proxy and the tests that probe them. */

/**
 * The largest server action request body accepted. Every real input is a few hundred bytes;
 * larger ones are refused with 413 by proxy.ts before Next reads them (Next's own limit, set
 * to the same 64 kB in next.config.js, would answer 500).
 */
export const ACTION_BODY_LIMIT_BYTES = 64 * 1024;
