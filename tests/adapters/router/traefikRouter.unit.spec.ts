import { createRouter } from '../../../src/adapters/router/createRouter';
import { loadConfig } from '../../../src/config';

describe('Traefik router', () => {
  it('does nothing at run time: routes live in the container labels', async () => {
    const router = createRouter(loadConfig({ ROUTER: 'traefik' }));
    expect(router.kind).toBe('traefik');
    await expect(router.addRoute('i', 'a.example.com', '10.0.0.1:8069')).resolves.toBeUndefined();
    await expect(router.removeRoute('i')).resolves.toBeUndefined();
  });

  it('is the default; ROUTER=caddy selects the admin-API router', () => {
    expect(createRouter(loadConfig({})).kind).toBe('traefik');
    expect(createRouter(loadConfig({ ROUTER: 'caddy' })).kind).toBe('caddy');
  });
});
