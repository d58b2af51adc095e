import type { AddressInfo } from 'node:net';
import express from 'express';
import { httpRequestDurationSeconds, measureHttpRequests } from '../../src/observability/httpMetrics';
import { metricsRegistry } from '../../src/observability/metrics';

test('request latency is observed by method, route pattern and status, never by raw path', async () => {
  httpRequestDurationSeconds.reset();
  const app = express();
  app.use(measureHttpRequests);
  const router = express.Router();
  router.get('/things/:thingId', (_req, res) => { res.status(200).json({}); });
  app.use('/api', router);
  app.post('/plain', (_req, res) => { res.status(201).end(); });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    await fetch(`${base}/api/things/a1`);
    await fetch(`${base}/api/things/b2`);
    await fetch(`${base}/plain`, { method: 'POST' });
    await fetch(`${base}/nowhere/${'x'.repeat(20)}`);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
  const text = await metricsRegistry.getSingleMetricAsString('platform_http_request_duration_seconds');
  expect(text).toContain('platform_http_request_duration_seconds_count{method="GET",route="/api/things/:thingId",status="200"} 2');
  expect(text).toContain('platform_http_request_duration_seconds_count{method="POST",route="/plain",status="201"} 1');
  expect(text).toContain('platform_http_request_duration_seconds_count{method="GET",route="unmatched",status="404"} 1');
  expect(text).not.toContain('a1');
});
