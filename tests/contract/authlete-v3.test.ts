/** The GrantStore contract against the Authlete adapter, over HTTP, against the v3 wire test server. */
import { startAdapterHarness } from '../support/authlete-server/adapter-harness';
import { grantStoreContract } from './grant-store-contract';

grantStoreContract('Authlete V3 over HTTP', () => startAdapterHarness('V3'));
