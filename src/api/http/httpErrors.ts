import type { FieldProblem } from '../../commands/commandErrors';

/** Path, query or body failed the route's schema (HTTP 400). */
export class RequestValidationError extends Error {
  constructor(
    readonly location: 'path' | 'query' | 'body' | 'header',
    readonly fields: FieldProblem[],
  ) {
    super(`Invalid request ${location}: ${fields.map((f) => `${f.path || '(root)'}: ${f.message}`).join('; ')}`);
    this.name = 'RequestValidationError';
  }
}

/** An HTTP-level refusal that has no domain meaning (415, 413, malformed JSON, unknown route). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly problemType: string,
    readonly title: string,
    detail: string,
  ) {
    super(detail);
    this.name = 'HttpError';
  }
}

/** A read-your-writes wait ran out before the read model reached the requested position (503). */
export class ReadModelBehindError extends Error {
  constructor(readonly minPosition: string) {
    super(`The read model has not yet reached position ${minPosition}; retry shortly`);
    this.name = 'ReadModelBehindError';
  }
}
