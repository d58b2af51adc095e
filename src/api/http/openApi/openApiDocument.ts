import { z } from 'zod';
import type { ApiRoute } from '../apiRoute';
import { documentedResponses, type ResponseSpec } from './documentedResponses';
import { headers, problemResponseRef, problemResponses, problemSchema, securitySchemes, tagDescriptions, type ProblemStatus } from './openApiComponents';
import { requestExamples } from './requestExamples';

export interface OpenApiInfo {
  title: string;
  version: string;
  /** Where the API is reached (the served document names the address it was fetched from). */
  serverUrl: string;
}

/** OpenAPI 3.1 generated from the same route table and zod schemas that validate requests; response
 * bodies from documentedResponses (docs/decisions/053). Lints clean with Redocly's recommended rules. */
export function openApiDocument(routes: ApiRoute[], info: OpenApiInfo): object {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const openApiPath = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    (paths[openApiPath] ??= {})[route.method] = operation(route);
  }
  const usedTags = [...new Set(routes.map((route) => route.tag))];
  return {
    openapi: '3.1.0',
    info: {
      title: info.title,
      version: info.version,
      description: 'Hosted Odoo: tenants, members, instances, backups and billing. Commands answer a `position`; '
        + 'pass it as `minPosition` (or `X-Min-Position`) to a query to read your own write. Errors are RFC 9457 problem details.',
      license: { name: 'Proprietary', identifier: 'LicenseRef-Proprietary' },
    },
    servers: [{ url: info.serverUrl, description: 'This platform' }],
    security: [{ sessionToken: [] }, { apiKey: [] }],
    tags: usedTags.map((name) => ({ name, description: tagDescriptions[name] ?? name })),
    paths,
    components: { schemas: { Problem: problemSchema }, securitySchemes, headers, responses: problemResponses() },
  };
}

function operation(route: ApiRoute): Record<string, unknown> {
  const isPublic = accessOf(route) === 'public';
  const { summary, description } = splitSummary(route.summary);
  const documented = documentedResponses[route.operationId] ?? {};
  const responses: Record<string, unknown> = {};
  for (const [status, text] of Object.entries(route.responses)) responses[status] = response(text, documented[Number(status)] ?? {});
  for (const status of problemStatusesOf(route, isPublic)) responses[status] ??= problemResponseRef(status);
  responses.default = { $ref: '#/components/responses/InternalError' };
  return {
    operationId: route.operationId,
    summary,
    description,
    tags: [route.tag],
    ...(isPublic ? { security: [] } : {}),
    parameters: parameters(route),
    ...(route.body ? { requestBody: requestBody(route, route.body) } : {}),
    responses,
  };
}

function response(description: string, spec: ResponseSpec): Record<string, unknown> {
  const responseHeaders = Object.fromEntries((spec.headers ?? []).map((name) => [name, { $ref: `#/components/headers/${name}` }]));
  let content: Record<string, unknown> | undefined;
  if (spec.contentType === 'application/octet-stream') content = { [spec.contentType]: { schema: { type: 'string', contentMediaType: spec.contentType } } };
  else if (spec.contentType) content = { [spec.contentType]: { schema: { type: 'string' } } };
  else if (spec.schema) content = { 'application/json': { schema: jsonSchema(spec.schema, 'output'), ...(spec.example ? { example: spec.example } : {}) } };
  return { description, ...(Object.keys(responseHeaders).length ? { headers: responseHeaders } : {}), ...(content ? { content } : {}) };
}

function requestBody(route: ApiRoute, body: z.ZodType): Record<string, unknown> {
  const schema = jsonSchema(body, 'input');
  const example = requestExamples[route.operationId];
  // A string body is a raw form (Paynow's result post); the unsubscribe form posts either way.
  const mediaTypes = schema.type === 'string' ? ['application/x-www-form-urlencoded']
    : route.path === '/api/v1/notifications/unsubscribe' ? ['application/json', 'application/x-www-form-urlencoded'] : ['application/json'];
  return {
    required: !body.safeParse(undefined).success,
    content: Object.fromEntries(mediaTypes.map((type) => [type, { schema, ...(example ? { example } : {}) }])),
  };
}

function parameters(route: ApiRoute): unknown[] {
  return [
    ...objectParameters(route.params, 'path'),
    ...objectParameters(route.query, 'query'),
    ...(route.method === 'get' ? [
      { name: 'minPosition', in: 'query', required: false, description: 'Wait until the read model has passed this command position (read-your-writes); 503 with Retry-After if it does not in time.', schema: { type: 'string', pattern: '^\\d{1,16}\\.\\d{1,16}$' } },
      { name: 'X-Min-Position', in: 'header', required: false, description: 'The same as the minPosition query parameter.', schema: { type: 'string', pattern: '^\\d{1,16}\\.\\d{1,16}$' } },
    ] : [
      { name: 'Idempotency-Key', in: 'header', required: false, description: 'Retrying with the same key returns the first result instead of acting twice (scoped to the caller, expires).', schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{8,200}$' } },
    ]),
  ];
}

function problemStatusesOf(route: ApiRoute, isPublic: boolean): ProblemStatus[] {
  const statuses: ProblemStatus[] = [400];
  if (!isPublic) statuses.push(401, 403);
  if (route.params) statuses.push(404);
  if (route.method !== 'get' && !isPublic) statuses.push(409);
  if (route.body) statuses.push(413, 415);
  // Public posts are throttled per IP; other routes say so in their summary (resend-verification).
  if ((isPublic && route.method === 'post') || /\b429\b/.test(route.summary)) statuses.push(429);
  statuses.push(503);
  return statuses;
}

function accessOf(route: ApiRoute): string {
  try {
    return route.authorize({} as never).kind;
  } catch {
    return 'signedIn';
  }
}

/** The routes' summaries are sentences: the first one is the summary, all of them the description. */
function splitSummary(text: string): { summary: string; description: string } {
  const first = /^(.+?[.!?])(\s|$)/.exec(text)?.[1] ?? text;
  return { summary: first.replace(/[.]$/, ''), description: text };
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

function objectParameters(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input') as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}
