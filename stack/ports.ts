/** Picking TCP ports for the stack's servers. */
import net from 'node:net';

/** A TCP port that is free on `host` right now (the OS picks it; another process may take it later). */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether `port` can be listened on at `host` right now. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** Throws a clear error if `port` is taken: a server there would answer readiness checks for ours. */
export async function assertPortFree(port: number, host: string, what: string): Promise<void> {
  if (!(await isPortFree(port, host))) throw new Error(`${what}: port ${host}:${port} is already in use`);
}
