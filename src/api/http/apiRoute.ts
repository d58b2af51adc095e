import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { AccessRequest } from '../../domain/authorization/accessRequest';
import type { RequestContext } from './requestContext';

export type HttpMethod = 'get' | 'post' | 'put' | 'delete' | 'patch';

export interface RouteInput<Params, Query, Body> {
  params: Params;
  query: Query;
  body: Body;
  context: RequestContext;
  /** The command id the `Idempotency-Key` header stands for: validated and scoped to the caller
   * (clientCommandId), so it is what handlers pass on as `commandId`. */
  idempotencyKey: string | undefined;
  /** `minPosition` from the query or `X-Min-Position`, already validated. */
  minPosition: string | undefined;
}

export interface RouteOutput {
  status: number;
  body?: unknown;
  /** A streamed body (downloads) instead of JSON; never buffered. */
  stream?: Readable;
  headers?: Record<string, string>;
}

/** One HTTP route, described once: Express registration, validation and /openapi.json all read it. */
export interface ApiRoute<Params = unknown, Query = unknown, Body = unknown> {
  method: HttpMethod;
  /** Express path syntax, e.g. `/api/v1/tenants/:tenantId`. */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  params?: z.ZodType<Params>;
  query?: z.ZodType<Query>;
  body?: z.ZodType<Body>;
  /** What the caller must be allowed, from the parsed path (the policy module decides; required, so
   * no route can be registered without a policy). Runs before query and body are looked at. */
  authorize(params: Params): AccessRequest;
  /** For anonymous callers, the request fields that say whose request it is (register: the email):
   * their Idempotency-Key is scoped to these. Without it an anonymous caller's key is ignored. */
  idempotencyScope?(body: Body): string;
  /** Statuses this route answers besides errors, for the OpenAPI document. */
  responses: Record<number, string>;
  handle(input: RouteInput<Params, Query, Body>): Promise<RouteOutput>;
}

export function apiRoute<Params = undefined, Query = undefined, Body = undefined>(
  route: ApiRoute<Params, Query, Body>,
): ApiRoute {
  return route as unknown as ApiRoute;
}
