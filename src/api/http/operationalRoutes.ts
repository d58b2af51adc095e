import type { Express } from 'express';
import type { Registry } from 'prom-client';

export interface OperationalDeps {
  metrics: Registry;
  /** Resolves when the platform database answers; rejects otherwise. */
  checkReady(): Promise<void>;
  openApi: () => object;
}

/** Liveness, readiness, metrics and the API description: unauthenticated, outside /api. */
export function mountOperationalRoutes(app: Express, deps: OperationalDeps): void {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    deps.checkReady().then(
      () => res.json({ status: 'ready' }),
      () => res.status(503).type('application/problem+json').json({
        type: 'https://errors.platform.local/not-ready', title: 'Not ready', status: 503, detail: 'The platform database does not answer',
      }),
    );
  });
  app.get('/metrics', (_req, res, next) => {
    deps.metrics.metrics().then((text) => res.type(deps.metrics.contentType).send(text), next);
  });
  app.get('/openapi.json', (_req, res) => {
    res.json(deps.openApi());
  });
}
