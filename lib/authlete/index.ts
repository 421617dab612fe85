/**
 * The Authlete adapter's public face: build a GrantStore from options, and the
 * typed errors its calls fail with. It holds Authlete credentials, so it must
 * never be bundled for a browser.
 */
import 'server-only';

export { createAuthleteStore } from './authlete-store';
export type { AuthleteApiVersion, AuthleteStoreOptions } from './options';
export {
  AuthleteBusyError,
  AuthleteError,
  AuthleteHttpError,
  AuthleteNetworkError,
  AuthleteResponseError,
  AuthleteTimeoutError,
} from './errors';
