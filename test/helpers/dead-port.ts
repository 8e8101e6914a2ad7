import { createServer } from 'node:net';

/** A loopback port nothing listens on (fetch refuses the well-known "bad ports" such as 9, so those cannot stand in). */
export async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
