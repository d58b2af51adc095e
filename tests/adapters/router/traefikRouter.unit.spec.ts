import { routerFromConfig } from '../../../src/wiring/routerFromConfig';
import { loadConfig } from '../../../src/config';

describe('Traefik router', () => {
  it('does nothing at run time: routes live in the container labels', async () => {
    const router = routerFromConfig(loadConfig({ ROUTER: 'traefik' }));
    expect(router.kind).toBe('traefik');
    await expect(router.addRoute('i', 'a.example.com', '10.0.0.1:8069')).resolves.toBeUndefined();
    await expect(router.removeRoute('i')).resolves.toBeUndefined();
  });

  it('is the default; ROUTER=caddy selects the admin-API router', () => {
    expect(routerFromConfig(loadConfig({})).kind).toBe('traefik');
    expect(routerFromConfig(loadConfig({ ROUTER: 'caddy' })).kind).toBe('caddy');
  });
});
