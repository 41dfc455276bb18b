import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** The host application: its callback URL and a back-channel logout endpoint that records what it receives. */
export class HostApp {
  server = http.createServer((req, res) => this.handle(req, res));
  logoutTokens: string[] = [];
  private waiters: Array<() => void> = [];
  url = '';

  async start(): Promise<void> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/backchannel') {
        const token = new URLSearchParams(body).get('logout_token');
        if (token) this.logoutTokens.push(token);
        this.waiters.splice(0).forEach((w) => w());
        res.writeHead(200).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/plain' }).end('host app');
    });
  }

  async nextLogoutToken(timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (this.logoutTokens.length === 0) {
      if (Date.now() > deadline) throw new Error('no back-channel logout token arrived');
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 200);
      });
    }
    return this.logoutTokens.shift()!;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((r) => this.server.close(() => r()));
  }
}
