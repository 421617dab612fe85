/**
 * A loopback port nothing listens on now, from the system's ephemeral range: no
 * clash with any E2E_PORT_BASE. The one helper for tests and scripts/bench alike.
 */
import net from 'node:net';

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
