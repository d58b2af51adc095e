import { createCaddyRouter } from '../../src/adapters/router/createCaddyRouter';
import { unavailablePage } from '../../src/ports/unavailablePage';
import { getWithHost, startCaddy } from '../adapters/router/caddyProcess';
import { freePort } from '../support/freePort';

// A suspended instance's address (docs/decisions/052), as the suspendInstance saga leaves it: a real
// Caddy serves the "suspended — pay to resume" page, 503 and never cached, for that host only.
let caddy: Awaited<ReturnType<typeof startCaddy>>;

beforeAll(async () => {
  caddy = await startCaddy();
});
afterAll(async () => {
  await caddy?.stop();
});

test('the suspended page says why and how to get the instance back', () => {
  const page = unavailablePage('suspended');
  expect(page.status).toBe(503);
  expect(page.html).toContain('suspended — pay to resume');
  expect(page.html).toContain('once the invoice is paid, it starts again by itself');
});

test('Caddy answers the suspended page on the instance\'s host', async () => {
  const port = await freePort();
  const router = createCaddyRouter({ adminUrl: caddy.adminUrl, serverName: 'platform', listen: `127.0.0.1:${port}`, automaticHttps: false });
  await router.showUnavailable('0190f4c2-0000-7000-8000-00000000d001', 'bakery.test.localhost', 'suspended');
  await router.showUnavailable('0190f4c2-0000-7000-8000-00000000d002', 'other.test.localhost', 'stopped');
  const deadline = Date.now() + 5_000;
  let answer = await getWithHost(`http://127.0.0.1:${port}/web/login`, 'bakery.test.localhost');
  while (!answer.body.includes('suspended') && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    answer = await getWithHost(`http://127.0.0.1:${port}/web/login`, 'bakery.test.localhost');
  }
  expect(answer.status).toBe(503);
  expect(answer.body).toContain('This Odoo is suspended — pay to resume');
  const other = await getWithHost(`http://127.0.0.1:${port}/`, 'other.test.localhost');
  expect(other.body).toContain('This Odoo is stopped');
});
