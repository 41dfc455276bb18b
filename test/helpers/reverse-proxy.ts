/**
 * A tiny reverse proxy (node:http) in front of one or more server instances, as nginx or a load
 * balancer would be: it serves `prefix` (e.g. "/idm") and forwards `prefix/rest` as `/rest` (the prefix
 * stripped), to the instance `route` picks (the first by default), WebSocket upgrades included. It
 * records what passed through, Set-Cookie headers included, so a test can see that every request
 * took this way.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

export interface Passed {
  method: string;
  /** The path as the client asked for it (with the prefix). */
  path: string;
  /** The instance it went to. */
  upstream: string;
  status: number;
  setCookies: string[];
}

export class ReverseProxy {
  private readonly server = http
    .createServer((req, res) => this.forward(req, res))
    .on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => this.upgrade(req, socket, head));
  /** Upgraded connections (WebSockets), closed by stop(). */
  private readonly tunnels = new Set<Duplex>();
  url = '';
  upstreams: string[] = [];
  /** Which upstream serves a request (an index into `upstreams`); default: the first. */
  route: (method: string, path: string) => number = () => 0;
  readonly passed: Passed[] = [];

  constructor(readonly prefix = '') {}

  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The public base URL: the proxy's origin and prefix. */
  get publicUrl(): string {
    return `${this.url}${this.prefix}`;
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = req.url ?? '/';
    if (this.prefix && path !== this.prefix && !path.startsWith(`${this.prefix}/`) && !path.startsWith(`${this.prefix}?`)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not under the prefix');
      return;
    }
    const rest = path.slice(this.prefix.length) || '/';
    const upstream = this.upstreams[this.route(req.method ?? 'GET', path)]!;
    const target = new URL(rest, upstream);
    const headers = { ...req.headers, host: target.host, 'x-forwarded-for': req.socket.remoteAddress ?? '' };
    const out = http.request(target, { method: req.method, headers }, (up) => {
      const setCookies = ([] as string[]).concat(up.headers['set-cookie'] ?? []);
      this.passed.push({ method: req.method ?? 'GET', path, upstream, status: up.statusCode ?? 0, setCookies });
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    out.on('error', (err) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
    req.pipe(out);
  }

  /** A WebSocket upgrade: the handshake forwarded as any request, then the two sockets piped together. */
  private upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = req.url ?? '/';
    if (this.prefix && !path.startsWith(`${this.prefix}/`)) {
      socket.end('HTTP/1.1 404 Not Found\r\nconnection: close\r\n\r\n');
      return;
    }
    const upstream = this.upstreams[this.route(req.method ?? 'GET', path)]!;
    const target = new URL(path.slice(this.prefix.length), upstream);
    const out = http.request(target, { method: req.method, headers: { ...req.headers, host: target.host } });
    out.on('upgrade', (res, upSocket, upHead) => {
      this.passed.push({ method: req.method ?? 'GET', path, upstream, status: res.statusCode ?? 0, setCookies: [] });
      const lines = [`HTTP/1.1 ${res.statusCode} ${res.statusMessage}`];
      for (let i = 0; i < res.rawHeaders.length; i += 2) lines.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
      socket.write(lines.join('\r\n') + '\r\n\r\n');
      if (upHead.length) socket.write(upHead);
      if (head.length) upSocket.write(head);
      for (const s of [socket, upSocket]) {
        this.tunnels.add(s);
        s.on('close', () => this.tunnels.delete(s));
        s.on('error', () => undefined);
      }
      upSocket.pipe(socket).on('close', () => upSocket.destroy());
      socket.pipe(upSocket).on('close', () => socket.destroy());
    });
    out.on('response', (res) => {
      // the upstream refused the upgrade: its answer goes back as it is
      this.passed.push({ method: req.method ?? 'GET', path, upstream, status: res.statusCode ?? 0, setCookies: [] });
      socket.end(`HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\nconnection: close\r\n\r\n`);
      res.resume();
    });
    out.on('error', () => socket.destroy());
    out.end();
  }

  stop(): Promise<void> {
    for (const s of this.tunnels) s.destroy();
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}
