import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

/**
 * A TCP proxy between the service and its database, to make the database go away in the
 * middle of a request: `stall()` stops passing bytes, `cut()` drops every connection and
 * refuses new ones, `restore()` listens again on the same port.
 */
export class TcpProxy {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private stalled = false;

  private constructor(private readonly target: { host: string; port: number }, private portNumber: number) {}

  /** Starts a proxy to `host:port` on a free port of 127.0.0.1. */
  static async start(host: string, port: number): Promise<TcpProxy> {
    const proxy = new TcpProxy({ host, port }, 0);
    await proxy.listen();
    return proxy;
  }

  /** The port the proxy listens on. */
  get port(): number {
    return this.portNumber;
  }

  private listen(): Promise<void> {
    this.stalled = false;
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.on('data', (chunk) => {
        if (!this.stalled) upstream.write(chunk);
      });
      upstream.on('data', (chunk) => {
        if (!this.stalled) client.write(chunk);
      });
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    this.server = server;
    return new Promise((resolve) => server.listen(this.portNumber, '127.0.0.1', () => {
      this.portNumber = (server.address() as AddressInfo).port;
      resolve();
    }));
  }

  /** Stops passing bytes either way: requests in flight hang. */
  stall(): void {
    this.stalled = true;
  }

  /** Drops every connection and stops listening: the database is gone. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    if (server !== undefined) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Listens again on the same port, passing bytes. */
  async restore(): Promise<void> {
    if (this.server === undefined) await this.listen();
    this.stalled = false;
  }
}
