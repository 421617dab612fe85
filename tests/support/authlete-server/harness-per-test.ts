/** Adapter harnesses that last one vitest test: whatever a test starts is closed after it. */
import { afterEach } from 'vitest';
import { startAdapterHarness, type AdapterHarness, type HarnessOverrides } from './adapter-harness';
import type { ApiVersion } from './routes';

/** Call at the top of a test file; returns what starts a harness for the current test. */
export function harnessPerTest(): (
  version: ApiVersion,
  overrides?: HarnessOverrides,
) => Promise<AdapterHarness> {
  let harness: AdapterHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });
  return async (version, overrides) => {
    harness = await startAdapterHarness(version, overrides);
    return harness;
  };
}
