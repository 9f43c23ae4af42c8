// Starting and stopping a gateway's server, the same way for the mock and the sandbox.
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';

/** Listens on `host:port` (0 picks a free port); a port in use is a clear error, and the app is closed. */
export async function listen(app: FastifyInstance, port: number, host: string, loopback = '127.0.0.1'): Promise<{ url: string; port: number }> {
  try {
    await app.listen({ port, host });
  } catch (error) {
    await app.close();
    throw (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? new Error(`port ${port} on ${host} is already in use; choose another (--port, or port: 0 for a free one)`)
      : error;
  }
  const bound = (app.server.address() as AddressInfo).port;
  // A wildcard address is reachable on loopback: the URL to print and to call.
  return { url: `http://${host === '0.0.0.0' || host === '::' ? loopback : host}:${bound}`, port: bound };
}

/** Closes every connection, idle keep-alive ones included, then the server. */
export async function close(app: FastifyInstance): Promise<void> {
  app.server.closeAllConnections();
  await app.close();
}
