/**
 * Whether a server answers `url` with a 2xx yet: how the bench (scripts/bench/processes.ts) and
 * the load run (scripts/load/server.ts) wait for the servers they start. Any failure to connect
 * is "not yet"; the body is read so the connection is released.
 */
export async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}
