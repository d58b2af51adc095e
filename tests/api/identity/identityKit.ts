import type pg from 'pg';
import { identityOptionsFromConfig } from '../../../src/wiring/createIdentityDeps';
import { createPostgresTokenVault } from '../../../src/adapters/identity/createPostgresTokenVault';
import type { TokenVault } from '../../../src/ports/identityStores';
import { createTestPool } from '../../support/postgres';
import type { TestPlatform } from '../../support/testPlatform';

export interface Reply {
  status: number;
  headers: Headers;
  // Test code reads arbitrary JSON answers.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

export interface IdentityKit {
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  /** What the notifier sees: raw tokens by the reference an event carries. */
  vault: TokenVault;
  admin: pg.Pool;
  /** Every event's type, data and metadata as JSON text (for the secrets scan). */
  allEventsText(): Promise<string[]>;
  close(): Promise<void>;
}

export function identityKit(platform: TestPlatform): IdentityKit {
  const admin = createTestPool(2);
  const vault = createPostgresTokenVault(admin, platform.config.IDENTITY_SCHEMA, identityOptionsFromConfig(platform.config).secretsKey);
  return {
    async call(method, path, body, headers = {}) {
      const response = await fetch(`${platform.url}${path}`, {
        method,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
    },
    vault,
    admin,
    async allEventsText() {
      const { rows } = await admin.query<{ text: string }>(
        `SELECT stream_name || ' ' || type || ' ' || data::text || ' ' || metadata::text AS text FROM "${platform.config.EVENTSTORE_SCHEMA}".events`,
      );
      return rows.map((row) => row.text);
    },
    async close() {
      await admin.end();
    },
  };
}

/** Polls until `check` passes (read models are eventually consistent). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
