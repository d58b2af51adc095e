import type { Request, Response } from 'express';
import { errorHandler } from '../../src/api/http/errorHandler';
import { createLogger } from '../../src/observability/logger';

/** Issue 13 (low): what failed inside (Docker, PostgreSQL, Caddy) must not reach the caller; the
 * caller gets a generic problem and an id under which the operator finds the error in the log. */
test('an internal error answers a generic problem with the correlation id, and logs the error under it', () => {
  const logged: Array<Record<string, unknown>> = [];
  const logger = createLogger('error');
  logger.error = ((object: Record<string, unknown>) => void logged.push(object)) as typeof logger.error;
  let sent: { status?: number; body?: Record<string, unknown> } = {};
  const res = {
    setHeader: () => res,
    status(status: number) { sent.status = status; return res; },
    type: () => res,
    json(body: Record<string, unknown>) { sent = { ...sent, body }; return res; },
  } as unknown as Response;
  const req = { originalUrl: '/api/v1/instances/x/status', context: { requestId: 'r-1', correlationId: 'corr-42' } } as unknown as Request;
  const internal = new Error('connect ECONNREFUSED 10.0.0.5:5433: password authentication failed for user "inst_0123"');

  errorHandler(logger)(internal, req, res, () => undefined);

  expect(sent.status).toBe(500);
  expect(sent.body).toMatchObject({ type: 'https://errors.platform.local/internal', correlationId: 'corr-42' });
  expect(JSON.stringify(sent.body)).not.toMatch(/ECONNREFUSED|10\.0\.0\.5|inst_0123|password/);
  expect(logged).toEqual([expect.objectContaining({ err: internal, correlationId: 'corr-42' })]);
});
