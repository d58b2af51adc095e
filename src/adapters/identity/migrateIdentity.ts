import type pg from 'pg';
import { runMigration } from '../postgres/runMigration';

/** The identity tables: everything secret about users lives here (hashes and ciphertexts only),
 * never in the event store. Idempotent, and safe from several processes at once: CREATE ... IF NOT
 * EXISTS alone races in the catalogue, so a transaction-scoped advisory lock serialises it. */
export async function migrateIdentity(pool: pg.Pool, schema: string): Promise<void> {
  const s = `"${schema}"`;
  await runMigration(pool, `migrateIdentity:${schema}`, async (client) => {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${s}`);
    await client.query(ddl(s));
  });
}

function ddl(s: string): string {
  return `
    CREATE TABLE IF NOT EXISTS ${s}.accounts (
      user_id uuid PRIMARY KEY,
      email text NOT NULL UNIQUE,
      password_hash text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      password_changed_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE IF NOT EXISTS ${s}.sessions (
      session_id uuid PRIMARY KEY,
      user_id uuid NOT NULL,
      token_hash text NOT NULL UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      absolute_expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      ip text,
      user_agent text
    );
    CREATE INDEX IF NOT EXISTS sessions_user_idx ON ${s}.sessions (user_id) WHERE revoked_at IS NULL;
    CREATE TABLE IF NOT EXISTS ${s}.api_keys (
      key_id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      name text NOT NULL,
      token_hash text NOT NULL UNIQUE,
      scopes text[] NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    CREATE INDEX IF NOT EXISTS api_keys_tenant_idx ON ${s}.api_keys (tenant_id);
    CREATE TABLE IF NOT EXISTS ${s}.one_time_tokens (
      token_id uuid PRIMARY KEY,
      purpose text NOT NULL CONSTRAINT one_time_tokens_purpose_check CHECK (purpose IN ('password-reset', 'invitation', 'email-verification')),
      subject_id uuid NOT NULL,
      token_hash text NOT NULL UNIQUE,
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    );
    -- Tables created before email verification: widen the purpose check once.
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = '${s}.one_time_tokens'::regclass
                     AND conname = 'one_time_tokens_purpose_check' AND pg_get_constraintdef(oid) LIKE '%email-verification%') THEN
        ALTER TABLE ${s}.one_time_tokens DROP CONSTRAINT IF EXISTS one_time_tokens_purpose_check;
        ALTER TABLE ${s}.one_time_tokens ADD CONSTRAINT one_time_tokens_purpose_check
          CHECK (purpose IN ('password-reset', 'invitation', 'email-verification'));
      END IF;
    END $$;
    CREATE TABLE IF NOT EXISTS ${s}.token_vault (
      reference uuid PRIMARY KEY,
      purpose text NOT NULL,
      ciphertext bytea NOT NULL,
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE TABLE IF NOT EXISTS ${s}.login_throttle (
      key varchar(255) PRIMARY KEY,
      points integer NOT NULL DEFAULT 0,
      expire bigint
    );
    -- Hourly budgets of requests that send mail, per IP and per address hash (createRequestRateLimiter).
    CREATE TABLE IF NOT EXISTS ${s}.request_limits (
      key varchar(255) PRIMARY KEY,
      points integer NOT NULL DEFAULT 0,
      expire bigint
    );
  `;
}
