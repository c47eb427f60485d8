// The HTTP side: `/healthz` on PORT next to Slack's `POST /slack/events` and the coordinator
// page under `/coordinator` (src/web/), and Prometheus
// `/metrics` (src/metrics.ts) on METRICS_PORT bound to 127.0.0.1 only.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface Health {
  ready(): boolean;
  detail(): Record<string, boolean>;
}

export function createAppServer(health: Health, slack?: RequestHandler, coordinator?: RequestHandler): Server {
  return createServer((req, res) => {
    const url = req.url ?? '/';
    const query = url.indexOf('?');
    const path = query < 0 ? url : url.slice(0, query);
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      const ready = health.ready();
      res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: ready ? 'ok' : 'starting', ...health.detail() }));
      return;
    }
    if (path === '/slack/events' && slack) {
      slack(req, res);
      return;
    }
    // Only these paths reach the web library: Bolt keeps its raw bodies, /pray its speed.
    if (coordinator && (path === '/coordinator' || path?.startsWith('/coordinator/'))) {
      coordinator(req, res);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
  });
}

export function listen(server: Server, port: number, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

