import type { NextFunction, Request, Response } from 'express';
import { Histogram } from 'prom-client';
import { metricsRegistry } from './metrics';

export const httpRequestDurationSeconds = new Histogram({
  name: 'platform_http_request_duration_seconds',
  help: 'HTTP request latency by method, route pattern (not the path: ids would explode the series) and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

/** Times every request; the label is the matched route's pattern, or `unmatched` (404s, probes of
 * paths that do not exist), so an attacker's paths cannot create series. */
export function measureHttpRequests(req: Request, res: Response, next: NextFunction): void {
  const end = httpRequestDurationSeconds.startTimer();
  res.once('finish', () => {
    const pattern = (req.route as { path?: unknown } | undefined)?.path;
    const route = typeof pattern === 'string' ? `${req.baseUrl}${pattern}` : 'unmatched';
    end({ method: req.method, route, status: String(res.statusCode) });
  });
  next();
}
