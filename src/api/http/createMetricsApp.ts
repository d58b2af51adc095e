import { createHash, timingSafeEqual } from 'node:crypto';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { Registry } from 'prom-client';
import { problem, type Problem } from '../problems/problemFromError';

export interface MetricsAppDeps {
  metrics: Registry;
  /** When set, a scrape must send `Authorization: Bearer <token>`. */
  bearerToken?: string;
}

/** Only the Prometheus scrape, for a listener of its own: the series name instance ids, so the
 * public API port must never serve them (docs/decisions/031). */
export function createMetricsApp(deps: MetricsAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/metrics', (req, res, next) => {
    if (deps.bearerToken !== undefined && !bearerMatches(req.header('authorization'), deps.bearerToken)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      send(res, req, problem('unauthenticated', 'Not signed in', 401, 'Send Authorization: Bearer <METRICS_TOKEN>'));
      return;
    }
    deps.metrics.metrics().then((text) => res.type(deps.metrics.contentType).send(text), next);
  });
  app.use((req: Request, res: Response) => send(res, req, problem('not-found', 'Not found', 404, 'This listener serves GET /metrics only')));
  app.use((_error: unknown, req: Request, res: Response, _next: NextFunction) => send(res, req, problem('internal', 'Internal error', 500, 'The metrics could not be collected')));
  return app;
}

function send(res: Response, req: Request, body: Problem): void {
  res.status(body.status).type('application/problem+json').json({ ...body, instance: req.originalUrl });
}

/** Digests of equal length, so the comparison takes the same time however much of the token matched. */
function bearerMatches(header: string | undefined, token: string): boolean {
  const offered = /^Bearer (.+)$/.exec(header ?? '')?.[1];
  if (offered === undefined) return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(offered), digest(token));
}
