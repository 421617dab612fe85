/**
 * The size caps of bulk revocation, in a module of their own so the
 * confirmation dialog can say them before anything is sent (the data layer is
 * server-only). Pure constants: nothing here may import server code.
 */

/** The most apps one bulk request may name; more is refused as invalid input. */
export const BULK_REVOKE_LIMIT = 50;

/**
 * The most apps one "remove all" request removes: the first ones in the
 * backend's order that are not first-party (those are passed over, and the
 * list read on, at most up to the whole-list read limit). A bulk revocation
 * counts once against WRITE_LIMIT_PER_MINUTE, so this cap is what bounds the
 * backend writes one request can cause; it matches the most apps a selection
 * may name. Whoever has more runs it again, and is told so.
 */
export const REVOKE_ALL_LIMIT = BULK_REVOKE_LIMIT;
