// Test-only switches of the double (never set outside tests), for what the platform must survive
// from a real Odoo but cannot provoke through its public surface: an Odoo that stops answering its
// health check, and one that runs out of memory. Files in <data_dir> let a test flip them on a
// running container (`docker exec … touch`), env vars set them from the start.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** ODOO_DOUBLE_UNHEALTHY=1 or <data_dir>/.double-unhealthy: /web/health answers 503. */
export function unhealthySwitchOn(dataDir: string): boolean {
  return process.env.ODOO_DOUBLE_UNHEALTHY === '1' || existsSync(join(dataDir, '.double-unhealthy'));
}

const held: Buffer[] = [];

/** <data_dir>/.double-allocate-mb holding N: the server takes and touches N MiB at once, so a container
 * with a smaller memory limit is OOM-killed (exit 137), as an Odoo worker that grows would be. */
export function watchAllocateSwitch(dataDir: string): void {
  const file = join(dataDir, '.double-allocate-mb');
  setInterval(() => {
    if (!existsSync(file)) return;
    const megabytes = Number(readFileSync(file, 'utf8').trim());
    rmSync(file, { force: true });
    if (Number.isFinite(megabytes) && megabytes > 0) held.push(Buffer.alloc(megabytes * 1024 * 1024, 1));
  }, 100).unref();
}
