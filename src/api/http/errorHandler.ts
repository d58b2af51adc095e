import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { problem, problemFromError, type Problem } from '../problems/problemFromError';
import { HttpError, ReadModelBehindError, RequestValidationError } from './httpErrors';

/** Every error leaves as application/problem+json; 5xx causes are logged, never sent. */
export function errorHandler(logger: Logger) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const body = httpProblem(error);
    if (body.status >= 500 && body.status !== 503) {
      logger.error({ err: error, requestId: req.context?.requestId, correlationId: req.context?.correlationId }, 'request failed');
    }
    if (error instanceof ReadModelBehindError) res.setHeader('Retry-After', '1');
    if (body.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(body.retryAfterSeconds));
    // An internal error's text (Docker, PostgreSQL, Caddy) stays in the log: the caller gets the
    // generic problem and the correlation id it is logged under, to quote to support.
    const correlationId = body.status >= 500 ? req.context?.correlationId : undefined;
    res.status(body.status).type('application/problem+json').json({ ...body, ...(correlationId ? { correlationId } : {}), instance: req.originalUrl });
  };
}

function httpProblem(error: unknown): Problem {
  if (error instanceof HttpError) return problem(error.problemType, error.title, error.status, error.message);
  if (error instanceof RequestValidationError) {
    return problem('validation', 'Invalid request', 400, error.message, { errors: error.fields });
  }
  if (error instanceof ReadModelBehindError) return problem('read-model-behind', 'Read model not caught up', 503, error.message);
  const bodyParserType = (error as { type?: unknown }).type;
  if (bodyParserType === 'entity.too.large') return problem('body-too-large', 'Request body too large', 413, 'The request body exceeds the size limit');
  if (bodyParserType === 'entity.parse.failed') return problem('malformed-json', 'Malformed JSON', 400, 'The request body is not valid JSON');
  if (bodyParserType === 'encoding.unsupported' || bodyParserType === 'charset.unsupported') {
    return problem('unsupported-media-type', 'Unsupported media type', 415, 'Send the request body as UTF-8 JSON');
  }
  return problemFromError(error);
}
