import type { NextFunction, Request, Response } from 'express';
import { v7 } from 'uuid';
import { anonymous, type Principal } from '../../domain/authorization/principal';

export interface RequestContext {
  requestId: string;
  correlationId: string;
  /** Who is calling: a user id, `apikey:<id>` or `anonymous` until the identity issue lands. */
  actor: string;
  /** Set by the identity's `authenticate` middleware; anonymous until then. */
  principal: Principal;
  /** For login throttling and session listings (behind a proxy, set Express's `trust proxy`). */
  client: { ip: string | null; userAgent: string | null };
}

declare module 'express-serve-static-core' {
  interface Request {
    context: RequestContext;
  }
}

const acceptableId = /^[A-Za-z0-9._:-]{1,128}$/;

/** Request id per request; correlation id taken from the caller when well-formed, else the request id. */
export function requestContext(req: Request, res: Response, next: NextFunction): void {
  const requestId = v7();
  const offered = req.header('x-correlation-id');
  const correlationId = offered && acceptableId.test(offered) ? offered : requestId;
  req.context = {
    requestId, correlationId, actor: 'anonymous', principal: anonymous,
    client: { ip: req.ip ?? null, userAgent: req.header('user-agent') ?? null },
  };
  res.setHeader('X-Request-Id', requestId);
  res.setHeader('X-Correlation-Id', correlationId);
  next();
}
