import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts an HTTP listener and resolves with it and its URL once it listens (port 0 = any free one). */
export function listen(app: { listen(port: number, host: string, callback: () => void): Server }, port: number, host: string): Promise<{ server: Server; url: string }> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({ server, url: `http://${shownHost}:${address.port}` });
    });
    server.once('error', reject);
  });
}
