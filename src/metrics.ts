// Prometheus metrics on METRICS_PORT (127.0.0.1 only). Loaded only when METRICS_PORT is set:
// prom-client costs start-up time and memory a bot without a scraper should not pay.
import { createServer, type Server } from 'node:http';
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { CoreMetrics } from './core/context.js';

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
