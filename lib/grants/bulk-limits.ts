/**
 * The size cap of "remove access for all apps", in a module of its own so the
 * confirmation dialog can say it before anything is sent (the data layer is
 * server-only). Pure constants: nothing here may import server code.
 */

/**
 * The most apps one "remove all" request removes: the first ones in the
 * backend's order. A bulk revocation counts once against
 * WRITE_LIMIT_PER_MINUTE, so this cap is what bounds the backend work one
 * write can cause; it matches the most apps a selection may name. Whoever has
 * more runs it again, and is told so.
 */
export const REVOKE_ALL_LIMIT = 50;
