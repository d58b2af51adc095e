import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { createPostgresAdmin } from '../../../src/adapters/postgresAdmin/createPostgresAdmin';
import { DatabaseOwnerMismatchError, ResourceNotOursError } from '../../../src/ports/postgresAdminErrors';
import type { PostgresAdmin } from '../../../src/ports/postgresAdmin';
import { spawnPgDump } from '../../../src/adapters/postgresAdmin/spawnPgDump';
import { connectAsInstanceRole, dropTestInstanceDbs, instancesPort, passwordCheckedHost, testInstanceAdminUrl, testInstanceDbName } from '../../support/instancesDb';

let admin: PostgresAdmin;
let pool: pg.Pool;
const created: string[] = [];

function newName(): string {
  const name = testInstanceDbName();
  created.push(name);
  return name;
}

beforeAll(() => {
  admin = createPostgresAdmin(testInstanceAdminUrl);
  pool = new pg.Pool({ connectionString: testInstanceAdminUrl, max: 2 });
});

afterAll(async () => {
  await dropTestInstanceDbs(pool, created);
  await pool.end();
  await admin.close();
});

async function provision(password = 'first-Secret-1'): Promise<string> {
  const name = newName();
  await admin.ensureRole(name, password, `mark:${name}`);
  await admin.ensureDatabase(name, name, `mark:${name}`);
  return name;
}

describe('PostgreSQL admin adapter on the instances cluster', () => {
  it('runs as a role that is not superuser but has CREATEDB and CREATEROLE', async () => {
    const { rows } = await pool.query('SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = current_user');
    expect(rows[0]).toEqual({ rolsuper: false, rolcreatedb: true, rolcreaterole: true });
  });

  it('the role logs into its own database with its password and creates a table', async () => {
    const name = await provision();
    const client = await connectAsInstanceRole(name, 'first-Secret-1', name);
    try {
      await client.query('CREATE TABLE res_partner (id serial primary key, name text)');
      await client.query("INSERT INTO res_partner (name) VALUES ('Azure Interior')");
      const owners = await client.query(
        "SELECT (SELECT nspowner::regrole::text FROM pg_namespace WHERE nspname = 'public') AS schema_owner, pg_get_userbyid(datdba) AS db_owner, datacl::text FROM pg_database WHERE datname = current_database()",
      );
      expect(owners.rows[0].schema_owner).toBe(name);
      expect(owners.rows[0].db_owner).toBe(name);
      expect(owners.rows[0].datacl).not.toMatch(/(^|[{,])=[^,}]*c/); // no CONNECT for PUBLIC
    } finally {
      await client.end();
    }
    await expect(connectAsInstanceRole(name, 'wrong', name)).rejects.toMatchObject({ code: '28P01' });
  });

  it("a role cannot connect to another instance's database", async () => {
    const first = await provision();
    const second = await provision();
    await expect(connectAsInstanceRole(first, 'first-Secret-1', second)).rejects.toMatchObject({ code: '42501' });
    await expect(connectAsInstanceRole(second, 'first-Secret-1', first)).rejects.toMatchObject({ code: '42501' });
  });

  it('is idempotent, rotates the password, and refuses a database owned by another role', async () => {
    const name = await provision();
    await admin.ensureRole(name, 'second-Secret-2', `mark:${name}`);
    await admin.ensureDatabase(name, name, `mark:${name}`);
    await admin.ensureDatabase(name, name, `mark:${name}`);
    await expect(connectAsInstanceRole(name, 'first-Secret-1', name)).rejects.toMatchObject({ code: '28P01' });
    const client = await connectAsInstanceRole(name, 'second-Secret-2', name);
    await client.end();

    const other = newName();
    await admin.ensureRole(other, 'x-Secret-3', `mark:${other}`);
    await expect(admin.ensureDatabase(name, other, `mark:${other}`)).rejects.toBeInstanceOf(DatabaseOwnerMismatchError);
  });

  it('never adopts a role or database it did not mark: no new password, no grants, the existing one untouched', async () => {
    const name = await provision();
    await expect(admin.ensureRole(name, 'takeover-Secret-9', 'mark:someone-else')).rejects.toBeInstanceOf(ResourceNotOursError);
    await expect(admin.ensureDatabase(name, name, 'mark:someone-else')).rejects.toBeInstanceOf(ResourceNotOursError);
    // The victim's password still works, the attacker's does not.
    await expect(connectAsInstanceRole(name, 'takeover-Secret-9', name)).rejects.toMatchObject({ code: '28P01' });
    await (await connectAsInstanceRole(name, 'first-Secret-1', name)).end();

    // A role made outside the platform (no mark at all) is refused as well.
    const foreign = newName();
    await pool.query(`CREATE ROLE ${foreign} LOGIN PASSWORD 'foreign-Secret-1'`);
    await expect(admin.ensureRole(foreign, 'takeover-Secret-9', `mark:${foreign}`)).rejects.toBeInstanceOf(ResourceNotOursError);
  });

  it('drops database (with live sessions) and role cleanly, twice', async () => {
    const name = await provision();
    const session = await connectAsInstanceRole(name, 'first-Secret-1', name); // like a running Odoo
    await admin.dropDatabase(name);
    await admin.dropDatabase(name);
    await admin.dropRole(name);
    await admin.dropRole(name);
    await session.end().catch(() => undefined);
    expect(await admin.databaseExists(name)).toBe(false);
    expect(await admin.roleExists(name)).toBe(false);
    const leftovers = await pool.query('SELECT datname FROM pg_database WHERE datname = $1 UNION ALL SELECT rolname FROM pg_roles WHERE rolname = $1', [name]);
    expect(leftovers.rows).toEqual([]);
  });

  it('drops a database whose last session is one it may not terminate (like autovacuum) once it leaves', async () => {
    const name = await provision();
    // A role the admin is no member of: DROP … WITH (FORCE) refuses to terminate its session (42501),
    // as it does for the autovacuum worker a freshly restored database gets.
    const superuser = new pg.Client({ connectionString: testInstanceAdminUrl.replace('platform_admin@', 'postgres@') });
    await superuser.connect();
    const outsider = `${name}_outsider`;
    try {
      await superuser.query(`CREATE ROLE ${outsider} LOGIN PASSWORD 'outsider-Secret-1'`);
      await superuser.query(`GRANT CONNECT ON DATABASE ${name} TO ${outsider}`);
      const session = await connectAsInstanceRole(outsider, 'outsider-Secret-1', name);
      const leaves = new Promise((resolve) => setTimeout(resolve, 500)).then(() => session.end());
      try {
        await admin.dropDatabase(name);
      } finally {
        await leaves;
      }
      expect(await admin.databaseExists(name)).toBe(false);
    } finally {
      // Whatever happened above, the outsider's grant must go with the database before the role can.
      await superuser.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      await superuser.query(`DROP ROLE IF EXISTS ${outsider}`).catch(() => undefined);
      await superuser.end();
    }
  });

  it('streams pg_dump -Fc into pg_restore of a new database owned by the role', async () => {
    const name = await provision();
    const client = await connectAsInstanceRole(name, 'first-Secret-1', name);
    await client.query('CREATE TABLE ir_attachment (id serial primary key, name text)');
    await client.query("INSERT INTO ir_attachment (name) SELECT 'file ' || g FROM generate_series(1, 1000) g");
    await client.end();

    const target = `${name}_r`;
    created.push(target);
    await admin.ensureDatabase(target, name, `mark:${name}`);
    // dump as the instance role through the password-checked address: PGPASSWORD, not argv
    const dump = spawnPgDump({ host: passwordCheckedHost, port: instancesPort, user: name, password: 'first-Secret-1', database: name });
    const restore = admin.restore(target, { user: name, password: 'first-Secret-1' }, { singleTransaction: true });
    await pipeline(dump.stream, restore.stream);
    await Promise.all([dump.completion, restore.completion]);

    const restored = await connectAsInstanceRole(name, 'first-Secret-1', target);
    const { rows } = await restored.query("SELECT count(*)::int AS n, (SELECT tableowner FROM pg_tables WHERE tablename = 'ir_attachment') AS owner FROM ir_attachment");
    await restored.end();
    expect(rows[0]).toEqual({ n: 1000, owner: name });
  });

  it('reports a failing pg_dump with its error, not the password', async () => {
    const name = await provision();
    const dump = spawnPgDump({ host: passwordCheckedHost, port: instancesPort, user: name, password: 'wrong-Secret-9', database: name });
    dump.stream.resume();
    const error = await dump.completion.catch((e: unknown) => e);
    expect(String(error)).toMatch(/pg_dump failed .*password authentication failed/);
    expect(String(error)).not.toContain('wrong-Secret-9');
  });
});
