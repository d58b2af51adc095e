import { pipeline } from 'node:stream/promises';
import type { Express, NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import type { AccessRequest } from '../../domain/authorization/accessRequest';
import { clientCommandId } from '../../commands/clientCommandId';
import { actorOf, type Principal } from '../../domain/authorization/principal';
import type { ApiRoute } from './apiRoute';
import { RequestValidationError } from './httpErrors';

const idempotencyKeyPattern = /^[A-Za-z0-9._:-]{8,200}$/;
const minPositionPattern = /^\d{1,16}\.\d{1,16}$/;

/** The policy check every route goes through (src/api/authorization/createAuthorizer). */
export interface RouteAuthorizer {
  authorize(principal: Principal, request: AccessRequest): Promise<void>;
}

/** Registers each route with its validation and policy; handlers only ever see parsed, authorized
 * input. A route without a policy is refused at start-up, not served open. */
export function mountRoutes(app: Express, routes: ApiRoute[], authorizer: RouteAuthorizer): void {
  for (const route of routes) {
    if (typeof route.authorize !== 'function') throw new Error(`Route ${route.method.toUpperCase()} ${route.path} declares no authorize policy`);
    app[route.method](route.path, (req: Request, res: Response, next: NextFunction) => {
      void runRoute(route, authorizer, req, res).catch(next);
    });
  }
}

async function runRoute(route: ApiRoute, authorizer: RouteAuthorizer, req: Request, res: Response): Promise<void> {
  const params = parse(route.params, req.params, 'path');
  // Before query and body: someone else's resource answers 401/403/404 whatever was sent with it.
  await authorizer.authorize(req.context.principal, route.authorize(params));
  const { minPosition: _minPosition, ...queryWithoutPosition } = req.query as Record<string, unknown>;
  const query = parse(route.query, queryWithoutPosition, 'query');
  const body = parse(route.body, req.body, 'body');
  if (!route.body && req.body !== undefined && Object.keys(req.body as object).length > 0) {
    throw new RequestValidationError('body', [{ path: '', message: 'this route takes no request body' }]);
  }

  const idempotencyKey = readIdempotencyKey(req, route, body);
  const minPosition = readMinPosition(req);

  const output = await route.handle({ params, query, body, context: req.context, idempotencyKey, minPosition });
  for (const [name, value] of Object.entries(output.headers ?? {})) res.setHeader(name, value);
  if (output.stream) {
    res.status(output.status);
    // A failure mid-stream can only cut the response short (headers are gone): pipeline does that.
    await pipeline(output.stream, res);
    return;
  }
  if (output.body === undefined) res.status(output.status).end();
  else res.status(output.status).json(output.body);
}

function parse(schema: z.ZodType | undefined, value: unknown, location: 'path' | 'query' | 'body'): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value ?? {});
  if (result.success) return result.data;
  throw new RequestValidationError(location, result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
}

/** The caller's key as a command id of the caller's own (docs/decisions/040): a key someone else
 * learned names another command there, never the first caller's result. */
function readIdempotencyKey(req: Request, route: ApiRoute, body: unknown): string | undefined {
  const offered = req.header('idempotency-key');
  if (offered === undefined) return undefined;
  if (!idempotencyKeyPattern.test(offered)) {
    throw new RequestValidationError('header', [{ path: 'Idempotency-Key', message: 'must be 8–200 characters of A-Z a-z 0-9 . _ : -' }]);
  }
  const principal = req.context.principal;
  if (principal.kind !== 'anonymous') return clientCommandId(actorOf(principal), offered);
  return route.idempotencyScope ? clientCommandId(`anonymous:${route.idempotencyScope(body)}`, offered) : undefined;
}

function readMinPosition(req: Request): string | undefined {
  const fromQuery = typeof req.query.minPosition === 'string' ? req.query.minPosition : undefined;
  const value = fromQuery ?? req.header('x-min-position');
  if (value === undefined) return undefined;
  if (!minPositionPattern.test(value)) {
    throw new RequestValidationError(fromQuery ? 'query' : 'header', [{ path: 'minPosition', message: 'must be a position "<transactionId>.<globalPosition>" as returned by a command' }]);
  }
  return value;
}
