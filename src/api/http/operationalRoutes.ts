import type { Express } from 'express';

export interface OperationalDeps {
  /** Resolves when the platform database answers; rejects otherwise. */
  checkReady(): Promise<void>;
  /** The document, naming `serverUrl` (the address the caller used) as its server. */
  openApi: (serverUrl: string) => object;
}

/** Liveness, readiness and the API description: unauthenticated, outside /api. Metrics are not
 * here: they have a listener of their own (src/wiring/startMetricsListener). */
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
  app.get('/openapi.json', (req, res) => {
    res.json(deps.openApi(`${req.protocol}://${req.get('host') ?? 'localhost'}`));
  });
}
