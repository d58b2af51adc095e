import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import type { z } from 'zod';
import { documentedResponses } from '../../src/api/http/openApi/documentedResponses';
import { apiKey, backup, backupHealth, backupPolicy, instance, items, login, notificationPreferences, profile, session, tenant, tenantPage } from '../../src/api/http/openApi/responseBodies';
import { signUp } from '../support/signUp';
import { startTestPlatform, type TestPlatform } from '../support/testPlatform';
import { createTenantAndInstance } from './openApiClient/createTenantAndInstance';

const run = promisify(execFile);
const root = path.resolve(__dirname, '../..');
const clientDir = path.join(__dirname, 'openApiClient');

type Operation = { operationId: string; responses: Record<string, { content?: Record<string, unknown> }> };
type Document = { paths: Record<string, Record<string, Operation>> };

let platform: TestPlatform;
let document: Document;
let workDir: string;

beforeAll(async () => {
  platform = await startTestPlatform('all');
  document = await (await fetch(`${platform.url}/openapi.json`)).json() as Document;
  workDir = await mkdtemp(path.join(tmpdir(), 'openapi-'));
  await writeFile(path.join(workDir, 'served.json'), JSON.stringify(document));
});
afterAll(async () => {
  await platform?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

const operations = () => Object.values(document.paths).flatMap((methods) => Object.values(methods));

describe('the served OpenAPI document', () => {
  it('lints clean with Redocly\'s recommended rules: no errors, no warnings', async () => {
    const file = path.join(workDir, 'served.json');
    const { stdout } = await run(path.join(root, 'node_modules/.bin/redocly'), ['lint', file, '--format=json', '--config', path.join(root, 'redocly.yaml')], { cwd: root })
      .catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: { message: string }[] };
    expect(report.problems.map((problem) => problem.message)).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('types every success response: a JSON schema, a binary or HTML body, or none for 204', () => {
    for (const operation of operations()) {
      expect(documentedResponses[operation.operationId]).toBeDefined();
      for (const [status, response] of Object.entries(operation.responses)) {
        if (!/^2\d\d$/.test(status)) continue;
        if (status === '204') expect(response.content).toBeUndefined();
        else expect({ operation: operation.operationId, status, types: Object.keys(response.content ?? {}) }).toEqual(expect.objectContaining({ types: [expect.any(String)] }));
      }
    }
    const download = document.paths['/api/v1/backups/{backupId}/download/{part}']!.get!;
    expect(Object.keys(download.responses['200']!.content!)).toEqual(['application/octet-stream']);
  });

  it('generates the committed client types, and a program using them type-checks', async () => {
    // As an integrator would: the CLI over the served document. On a difference, regenerate with
    // `npx openapi-typescript http://127.0.0.1:8080/openapi.json -o tests/packaging/openApiClient/platformApi.ts`.
    const generatedFile = path.join(workDir, 'platformApi.ts');
    await run(path.join(root, 'node_modules/.bin/openapi-typescript'), [path.join(workDir, 'served.json'), '-o', generatedFile], { cwd: root });
    expect(await readFile(generatedFile, 'utf8')).toBe(await readFile(path.join(clientDir, 'platformApi.ts'), 'utf8'));

    const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
    const program = ts.createProgram([path.join(clientDir, 'createTenantAndInstance.ts')], { ...config!.options, noEmit: true, types: [] });
    const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  });
});

describe('a client generated from the document', () => {
  it('creates a tenant and an instance, and the answers match the documented schemas', async () => {
    const user = await signUp(platform.url);
    const { tenantId, instanceId, tenantName } = await createTenantAndInstance(platform.url, user.token, user.email);
    expect(tenantName).toBe('Acme');

    const get = async (url: string) => (await fetch(`${platform.url}${url}`, { headers: user.auth })).json() as Promise<unknown>;
    // The answer beside the issues, so a failure shows what the route really sent.
    const conforms = async (schema: z.ZodType, url: string) => {
      const body = await get(url);
      return { url, issues: schema.safeParse(body).error?.issues, ...(schema.safeParse(body).success ? {} : { body }) };
    };
    const conforming = (url: string) => ({ url, issues: undefined });
    for (const [schema, url] of [
      [tenant, `/api/v1/tenants/${tenantId}`], [tenantPage, '/api/v1/tenants'], [profile, '/api/v1/me'],
      [notificationPreferences, '/api/v1/me/notifications'],
      [backupPolicy, `/api/v1/instances/${instanceId}/backup-policy`],
      [items(backup).extend({ health: backupHealth }), `/api/v1/instances/${instanceId}/backups`],
      [items(session), '/auth/sessions'], [items(apiKey), `/api/v1/tenants/${tenantId}/api-keys`],
    ] as const) expect(await conforms(schema, url)).toEqual(conforming(url));
    const instances = await (await fetch(`${platform.url}/api/v1/instances?tenantId=${tenantId}`, { headers: user.auth })).json() as { items: { instanceId: string }[] };
    expect(items(instance).safeParse(instances).error).toBeUndefined();
    expect(instances.items.map((item) => item.instanceId)).toEqual([instanceId]);
    const signedIn = await fetch(`${platform.url}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email, password: user.password }) });
    expect(login.safeParse(await signedIn.json()).error).toBeUndefined();
  });
});
