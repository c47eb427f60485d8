// The HTTP side: `/healthz` on PORT next to Slack's `POST /slack/events`, and Prometheus
// `/metrics` on METRICS_PORT bound to 127.0.0.1 only.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { CoreMetrics } from './core/context.js';

export type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export interface Health {
  ready(): boolean;
  detail(): Record<string, boolean>;
}

export function createAppServer(health: Health, slack?: RequestHandler): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
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

/** prom-client counters behind the core's CoreMetrics port. */
export class Metrics implements CoreMetrics {
  readonly registry = new Registry();
  private readonly counters = new Map<string, Counter>();
  readonly up: Gauge;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'prayerbot_process_' });
    this.up = new Gauge({ name: 'prayerbot_ready', help: '1 when the store and every platform are ready', registers: [this.registry] });
  }

  count(name: Parameters<CoreMetrics['count']>[0], by = 1): void {
    let counter = this.counters.get(name);
    if (!counter) {
      counter = new Counter({ name: `prayerbot_${name}_total`, help: `prayerbot ${name.replace(/_/g, ' ')}`, registers: [this.registry] });
      this.counters.set(name, counter);
    }
    counter.inc(by);
  }

  server(): Server {
    return createServer((req, res) => {
      if ((req.url ?? '').split('?')[0] !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      this.registry
        .metrics()
        .then((text) => {
          res.writeHead(200, { 'content-type': this.registry.contentType });
          res.end(text);
        })
        .catch(() => res.writeHead(500).end());
    });
  }
}
