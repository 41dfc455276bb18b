/**
 * A tiny reverse proxy (node:http) in front of one or more server instances, as nginx or a load
 * balancer would be: it serves `prefix` (e.g. "/idm") and forwards `prefix/rest` as `/rest` (the prefix
 * stripped), to the instance `route` picks (the first by default). It records what passed through,
 * Set-Cookie headers included, so a test can see that every request took this way.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

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
  private readonly server = http.createServer((req, res) => this.forward(req, res));
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

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}
