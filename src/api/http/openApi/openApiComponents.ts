/** The parts of the OpenAPI document that no single route owns. */

export const tagDescriptions: Record<string, string> = {
  auth: 'Accounts, sign-in, sessions and email verification.',
  tenants: 'Tenants: the organisations that own instances, members and API keys.',
  members: 'Who belongs to a tenant, invitations and ownership.',
  'api-keys': 'Tenant API keys for machines (sent like a session token).',
  instances: 'Odoo instances: provisioning, lifecycle actions, status and administrator credentials.',
  backups: 'Backups, downloads, restores and clones, backup policies and tenant backup targets.',
  notifications: 'Mail notification preferences and unsubscribe links.',
  Billing: 'Plans, subscriptions, invoices and payments.',
  admin: 'Operators only: audit and time travel over the event log, and platform administration.',
};

export const securitySchemes = {
  sessionToken: {
    type: 'http', scheme: 'bearer', bearerFormat: 'session token',
    description: 'The token POST /auth/login answers, as `Authorization: Bearer <token>`.',
  },
  apiKey: {
    type: 'http', scheme: 'bearer', bearerFormat: 'API key',
    description: 'A tenant API key (POST /api/v1/tenants/{tenantId}/api-keys), sent the same way: `Authorization: Bearer <key>`.',
  },
};

export const headers = {
  Location: { description: 'Where to follow the created resource or the accepted work.', schema: { type: 'string' } },
  'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 0 } },
  'Cache-Control': { description: '`no-store`: the body must not be cached.', schema: { type: 'string' } },
};

export const problemSchema = {
  type: 'object',
  description: 'RFC 9457 problem details.',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string', format: 'uri', description: 'Stable identifier of the error kind.' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string', description: 'The request path.' },
    correlationId: { type: 'string', description: 'On 5xx: the id the failure is logged under.' },
    retryAfterSeconds: { type: 'integer' },
    errors: {
      type: 'array',
      description: 'On validation errors: each field and what is wrong with it.',
      items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

const problemStatuses = {
  400: ['BadRequest', 'The request is malformed or fails validation (`errors` names the fields).', 'validation'],
  401: ['Unauthorized', 'No valid session token or API key.', 'unauthenticated'],
  403: ['Forbidden', 'Not allowed, or a quota is exhausted.', 'forbidden'],
  404: ['NotFound', 'No such resource (or not visible to the caller).', 'not-found'],
  409: ['Conflict', 'Not allowed in the resource\'s current state, or a concurrent change won.', 'invalid-transition'],
  413: ['PayloadTooLarge', 'The request body exceeds the size limit.', 'body-too-large'],
  415: ['UnsupportedMediaType', 'The request body is not JSON.', 'unsupported-media-type'],
  429: ['TooManyRequests', 'Rate limited; see Retry-After.', 'rate-limited'],
  503: ['ServiceUnavailable', 'A read model has not reached minPosition yet, or a dependency is down; see Retry-After.', 'read-model-behind'],
} as const;
export type ProblemStatus = keyof typeof problemStatuses;

export function problemResponseRef(status: ProblemStatus): { $ref: string } {
  return { $ref: `#/components/responses/${problemStatuses[status][0]}` };
}

export function problemResponses(): Record<string, unknown> {
  const responses: Record<string, unknown> = {
    InternalError: problemResponse('Unexpected failure; quote the correlationId to support.', 500, 'internal'),
  };
  for (const [status, [name, description, type]] of Object.entries(problemStatuses)) {
    responses[name] = problemResponse(description, Number(status), type, status === '429' || status === '503');
  }
  return responses;
}

function problemResponse(description: string, status: number, type: string, retryAfter = false) {
  return {
    description,
    ...(retryAfter ? { headers: { 'Retry-After': { $ref: '#/components/headers/Retry-After' } } } : {}),
    content: {
      'application/problem+json': {
        schema: { $ref: '#/components/schemas/Problem' },
        example: { type: `https://errors.platform.local/${type}`, title: description.split(/[.;(]/)[0], status, instance: '/api/v1/…' },
      },
    },
  };
}
