/** The GrantStore contract against the Authlete adapter, over HTTP, against the v2 wire test server. */
import { startAdapterHarness } from '../support/authlete-server/adapter-harness';
import { grantStoreContract } from './grant-store-contract';

grantStoreContract('Authlete V2 over HTTP', () => startAdapterHarness('V2'));
