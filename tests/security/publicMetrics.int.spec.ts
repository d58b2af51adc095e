import { startTestPlatform, type TestPlatform } from '../support/testPlatform';

// Issue 13, finding 9: /metrics was served on the public API port to anyone and its series name
// every instance id (the ids the critical finding 1 needed). Metrics now have a listener of their
// own (loopback by default) and, when a token is configured, want it as a bearer token.
const token = 'scrape-token-for-the-metrics-test-0123456789';
let platform: TestPlatform;
beforeAll(async () => {
  platform = await startTestPlatform('api', { METRICS_TOKEN: token });
});
afterAll(() => platform?.stop());

test('the public API port does not serve /metrics', async () => {
  const reply = await fetch(`${platform.url}/metrics`);
  expect(reply.status).toBe(404);
  expect(await reply.text()).not.toContain('platform_');
});

test('the metrics listener answers only with the bearer token', async () => {
  expect(platform.metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(platform.metricsUrl).not.toBe(platform.url);
  for (const headers of [{}, { authorization: 'Bearer wrong-token' }, { authorization: token }] as Array<Record<string, string>>) {
    const refused = await fetch(`${platform.metricsUrl}/metrics`, { headers });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await refused.text()).not.toContain('platform_');
  }
  const scraped = await fetch(`${platform.metricsUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  expect(scraped.status).toBe(200);
  expect(await scraped.text()).toContain('platform_commands_total');
});

test('a metrics listener on a non-loopback address without a token refuses to start', async () => {
  await expect(startTestPlatform('api', { METRICS_HOST: '0.0.0.0' })).rejects.toThrow(/METRICS_TOKEN/);
});
