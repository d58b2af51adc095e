import express from 'express';
import type { ApiRoute } from '../../../src/api/http/apiRoute';
import { mountRoutes } from '../../../src/api/http/mountRoutes';

describe('route policies', () => {
  it('refuses to register a route that declares no policy', () => {
    const route = { method: 'get', path: '/api/v1/open', operationId: 'open', summary: 'x', tag: 't', responses: { 200: 'ok' }, handle: async () => ({ status: 200 }) };
    expect(() => mountRoutes(express(), [route as unknown as ApiRoute], { authorize: async () => undefined })).toThrow(/declares no authorize policy/);
  });
});
