import { execFile, execFileSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

// Prometheus' own checker over deploy/prometheus: the rules parse, and alerts.test.yml's cases fire
// (and stay quiet) as written. promtool comes with Debian's `prometheus` package.
const run = promisify(execFile);
const dir = path.resolve(__dirname, '../../deploy/prometheus');
const promtool = (() => {
  try {
    execFileSync('promtool', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!promtool) console.warn('promtool is not installed (apt-get install -y prometheus): the alert rule checks are skipped');
const withPromtool = promtool ? test : test.skip;

withPromtool('promtool check rules accepts deploy/prometheus/alerts.yml', async () => {
  const { stdout } = await run('promtool', ['check', 'rules', 'alerts.yml'], { cwd: dir });
  expect(stdout).toMatch(/SUCCESS: \d+ rules found/);
});

withPromtool('promtool test rules passes the alert unit tests', async () => {
  const { stdout } = await run('promtool', ['test', 'rules', 'alerts.test.yml'], { cwd: dir });
  expect(stdout).toContain('SUCCESS');
});

withPromtool('promtool check config accepts prometheus.yml with its rule file', async () => {
  const { stdout } = await run('promtool', ['check', 'config', '--syntax-only', 'prometheus.yml'], { cwd: dir });
  expect(stdout).toContain('SUCCESS');
});
