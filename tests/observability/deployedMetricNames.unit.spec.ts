import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { metricsRegistry } from '../../src/observability/metrics';
import '../../src/observability/busMetrics';
import '../../src/observability/httpMetrics';
import '../../src/sagas/runtime/sagaMetrics';
import '../../src/notifications/notificationMetrics';
import '../../src/adapters/resilience/breakerMetrics';
import { registerSagaGauges } from '../../src/observability/registerSagaGauges';
import { registerStoreGauges } from '../../src/observability/registerStoreGauges';
import { registerBackupHealthGauges } from '../../src/projections/backups/registerBackupHealthGauges';
import type { ProjectionDb, TableNames } from '../../src/projections/runtime/projection';

// Every dashboard panel and alert rule under deploy/ must query a metric the code registers, with
// labels that metric has: a renamed metric or label otherwise leaves a panel silently empty.
const deployDir = join(__dirname, '../../deploy');
// Registered at start by the roles' wiring; nothing is collected here (no scrape), so stand-ins do.
registerStoreGauges({ store: { backlog: () => Promise.reject(new Error('unused')) }, db: {} as ProjectionDb, readModelSchema: 'unused', readerHeldBackSeconds: () => Promise.resolve(0) });
registerBackupHealthGauges({} as ProjectionDb, {} as TableNames<'backups'>);
registerSagaGauges({} as ProjectionDb, 'unused');

interface Query { file: string; where: string; expr: string; legend?: string }

function filesUnder(dir: string, suffixes: string[]): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesUnder(path, suffixes);
    return suffixes.some((suffix) => name.endsWith(suffix)) ? [path] : [];
  });
}

function dashboardQueries(): Query[] {
  return filesUnder(join(deployDir, 'grafana'), ['.json']).flatMap((path) => {
    const file = relative(deployDir, path);
    const dashboard = JSON.parse(readFileSync(path, 'utf8')) as { panels?: Array<{ title?: string; panels?: unknown[]; targets?: Array<{ expr?: string; legendFormat?: string }> }> };
    return (dashboard.panels ?? []).flatMap((panel) => (panel.targets ?? [])
      .filter((target) => typeof target.expr === 'string')
      .map((target) => ({ file, where: panel.title ?? '?', expr: target.expr as string, ...(target.legendFormat ? { legend: target.legendFormat } : {}) })));
  });
}

function alertQueries(): Query[] {
  return filesUnder(join(deployDir, 'prometheus'), ['.yml', '.yaml']).flatMap((path) => {
    const document = parse(readFileSync(path, 'utf8')) as { groups?: Array<{ rules?: Array<{ alert?: string; record?: string; expr?: string }> }> } | null;
    return (document?.groups ?? []).flatMap((group) => (group.rules ?? []).map((rule) => ({
      file: relative(deployDir, path), where: rule.alert ?? rule.record ?? '?', expr: String(rule.expr),
    })));
  });
}

const histogramSuffix = /_(bucket|sum|count)$/;

/** Identifiers of our metrics in a PromQL expression (ours, the default process ones); label names
 * and functions never start with these prefixes. */
function metricNamesIn(expr: string): string[] {
  return [...new Set(expr.match(/\b(platform|process|nodejs)_[a-z0-9_]+/g) ?? [])];
}

function registered(name: string): { name: string; labelNames: string[] } | undefined {
  const metric = metricsRegistry.getSingleMetric(name) ?? metricsRegistry.getSingleMetric(name.replace(histogramSuffix, ''));
  return metric as unknown as { name: string; labelNames: string[] } | undefined;
}

const queries = [...dashboardQueries(), ...alertQueries()];

test('deploy/ has dashboards and alert rules to check', () => {
  expect(dashboardQueries().length).toBeGreaterThan(0);
  expect(alertQueries().length).toBeGreaterThan(0);
});

test.each(queries.map((q) => [`${q.file}: ${q.where}: ${q.expr}`, q] as const))('%s names metrics and labels the code registers', (_title, query) => {
  const names = metricNamesIn(query.expr);
  expect(names.length).toBeGreaterThan(0);
  const missing = names.filter((name) => registered(name) === undefined);
  expect(missing).toEqual([]);
  const labels = new Set(['le', 'job', 'instance', ...names.flatMap((name) => registered(name)?.labelNames ?? [])]);
  const byLabels = [...query.expr.matchAll(/\b(?:by|without)\s*\(([^)]*)\)/g)].flatMap((m) => (m[1] ?? '').split(',').map((l) => l.trim()).filter(Boolean));
  const legendLabels = [...(query.legend ?? '').matchAll(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g)].map((m) => m[1] as string);
  expect([...byLabels, ...legendLabels].filter((label) => !labels.has(label))).toEqual([]);
});

test('per-instance series are labelled instance_id: Prometheus renames a scraped `instance` label to exported_instance', () => {
  const metrics = metricsRegistry.getMetricsAsArray() as unknown as Array<{ name: string; labelNames?: string[] }>;
  expect(metrics.filter((metric) => metric.labelNames?.includes('instance')).map((metric) => metric.name)).toEqual([]);
  for (const query of queries) expect(`${query.expr} ${query.legend ?? ''}`).not.toMatch(/exported_instance|\{\{\s*instance\s*\}\}/);
});
