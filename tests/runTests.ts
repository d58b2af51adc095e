import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// `npm test`: jest in two phases. Most suites run on jest's two workers; the few that each start a
// burst of Odoo instances or SIGKILL workers mid-restore run afterwards one at a time. Two of them at
// once on the two cores of a CI machine pushed instance start-ups past every health timeout (CI saw
// a load average of 118), while each passes alone. Arguments go to both phases; with a path or a
// pattern (`npm test -- tests/foo`) jest runs once, as asked. `--json --outputFile=F` writes one
// report merged from both phases, as .ci/run expects.
const serialSuites = [
  'tests/sagas/sagasOverRabbitMq.int.spec.ts',
  'tests/sagas/backups/killBackupAndRestore.int.spec.ts',
];

const jestBin = path.join(__dirname, '..', 'node_modules', '.bin', 'jest');
const args = process.argv.slice(2);

function runJest(jestArgs: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(jestBin, jestArgs, { stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

interface JestReport {
  success: boolean;
  startTime: number;
  testResults: unknown[];
  [counter: string]: unknown;
}

function mergeReports(reports: JestReport[]): JestReport {
  const merged: JestReport = { ...reports[0]!, testResults: [] };
  for (const key of Object.keys(merged)) {
    if (typeof merged[key] === 'number' && key.startsWith('num')) merged[key] = reports.reduce((sum, report) => sum + Number(report[key] ?? 0), 0);
  }
  merged.success = reports.every((report) => report.success);
  merged.startTime = Math.min(...reports.map((report) => report.startTime));
  merged.testResults = reports.flatMap((report) => report.testResults);
  return merged;
}

async function main(): Promise<number> {
  const selectsTests = args.some((arg) => !arg.startsWith('-'));
  const outputArg = args.find((arg) => arg.startsWith('--outputFile='));
  if (selectsTests || (args.includes('--json') && !outputArg)) return runJest(args);

  const passThrough = args.filter((arg) => arg !== outputArg);
  const output = outputArg?.slice('--outputFile='.length);
  const phaseOutput = (phase: string) => (output ? [`--outputFile=${output}.${phase}`] : []);
  // jest reads both lists as regular expressions.
  const serialPatterns = serialSuites.map((suite) => suite.replace(/\./g, '\\.'));
  const parallel = await runJest([...passThrough, ...phaseOutput('parallel'), '--testPathIgnorePatterns', ...serialPatterns]);
  const serial = await runJest([...passThrough, ...phaseOutput('serial'), '--runInBand', ...serialPatterns]);

  if (output) {
    const parts = ['parallel', 'serial'].map((phase) => `${output}.${phase}`);
    const reports = parts.filter((file) => existsSync(file)).map((file) => JSON.parse(readFileSync(file, 'utf8')) as JestReport);
    // A phase that wrote no report failed before running its tests: no merged report, so CI counts a failure.
    if (reports.length === parts.length) writeFileSync(output, JSON.stringify(mergeReports(reports)));
    for (const file of parts) rmSync(file, { force: true });
  }
  return parallel !== 0 ? parallel : serial;
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
