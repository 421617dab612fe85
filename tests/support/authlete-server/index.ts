/** The Authlete wire test server: start it in-process, or run main.ts as its own process. */
export { startAuthleteTestServer } from './server';
export type { AuthleteTestServer, AuthleteTestServerOptions, RecordedRequest } from './server';
export { AUTHLETE_OPERATIONS } from './faults';
export type { AuthleteOperation, Fault, FaultRule } from './faults';
export type { ApiVersion } from './routes';
