import express, { type Express, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { ApiRoute } from './apiRoute';
import { errorHandler } from './errorHandler';
import { HttpError } from './httpErrors';
import { mountRoutes, type RouteAuthorizer } from './mountRoutes';
import { openApiDocument } from './openApi/openApiDocument';
import { mountOperationalRoutes } from './operationalRoutes';
import { requestContext } from './requestContext';
import { measureHttpRequests } from '../../observability/httpMetrics';

export interface HttpAppDeps {
  routes: ApiRoute[];
  logger: Logger;
  bodyLimit: string;
  trustProxyHops?: number;
  /** Resolves `Authorization: Bearer` into req.context.principal (identity's createAuthenticate). */
  authenticate: RequestHandler;
  /** The policy every route declares is checked through this (identity's createAuthorizer). */
  authorizer: RouteAuthorizer;
  checkReady(): Promise<void>;
}

export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxyHops ?? 0);
  app.set('query parser', 'simple');
  app.use(measureHttpRequests);
  app.use(requestContext);
  app.use(pinoHttp({
    logger: deps.logger,
    genReqId: (req) => (req as Request).context.requestId,
    customProps: (req) => ({ correlationId: (req as Request).context.correlationId }),
    // Health probes would drown the log.
    autoLogging: { ignore: (req) => ['/healthz', '/readyz'].includes(req.url ?? '') },
  }));
  // The unsubscribe link's confirmation page and mail clients' one-click (RFC 8058) post forms;
  // every other body is JSON.
  app.use(formBodyPaths, express.urlencoded({ extended: false, limit: '2kb' }));
  // Paynow's result URL: its hash covers the fields in their order, so the route gets the raw text.
  app.use(rawFormBodyPaths, express.text({ type: 'application/x-www-form-urlencoded', limit: '4kb' }));
  app.use(requireJsonBody);
  app.use(express.json({ limit: deps.bodyLimit, strict: false, type: () => true }));

  mountOperationalRoutes(app, {
    checkReady: deps.checkReady,
    openApi: (serverUrl) => openApiDocument(deps.routes, { title: 'Hosted Odoo control plane', version: '1', serverUrl }),
  });
  app.use('/api', deps.authenticate);
  app.use('/auth', deps.authenticate);
  mountRoutes(app, deps.routes, deps.authorizer);

  app.use((req: Request, _res: Response, next: NextFunction) => {
    next(new HttpError(404, 'not-found', 'Not found', `No route ${req.method} ${req.path}`));
  });
  app.use(errorHandler(deps.logger));
  return app;
}

const formBodyPaths = ['/api/v1/notifications/unsubscribe'];
const rawFormBodyPaths = ['/api/v1/billing/paynow/result'];

/** A request that carries a body must say it is JSON (415 otherwise), or a form where forms are posted. */
function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  const hasBody = Number(req.header('content-length') ?? 0) > 0 || req.header('transfer-encoding') !== undefined;
  const form = [...formBodyPaths, ...rawFormBodyPaths].includes(req.path) && req.is('application/x-www-form-urlencoded');
  if (hasBody && !form && !req.is(['application/json', 'application/*+json'])) {
    next(new HttpError(415, 'unsupported-media-type', 'Unsupported media type', 'Send the request body as application/json'));
    return;
  }
  next();
}
