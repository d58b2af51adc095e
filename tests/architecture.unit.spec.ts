import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// The import directions of docs/architecture.md ("Layout"), checked on every import under src/
// (static, type-only, re-exports, dynamic import and require alike), and no import cycles.
const root = path.resolve(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(relative);
    return /\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = path.join(path.dirname(from), specifier);
  const candidate = [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`].find((file) => existsSync(path.join(root, file)) && statSync(path.join(root, file)).isFile());
  if (!candidate) throw new Error(`${from} imports ${specifier}, which resolves to no source file`);
  return candidate;
}

const files = sourceFiles('src');
const imports = new Map<string, string[]>(files.map((file) => {
  const { importedFiles } = ts.preProcessFile(readFileSync(path.join(root, file), 'utf8'), true, true);
  const targets = importedFiles.map((imported) => resolveImport(file, imported.fileName)).filter((target): target is string => target !== null);
  return [file, [...new Set(targets)]];
}));

type Part = 'entry' | 'wiring' | 'ports' | 'domain' | 'commands' | 'projections' | 'sagas' | 'processes' | 'notifications' | 'adapters' | 'api' | 'observability' | 'config';

function partOf(file: string): Part {
  if (file === 'src/main.ts' || file === 'src/cli.ts') return 'entry';
  if (file === 'src/config.ts') return 'config';
  const part = file.split('/')[1] as Part;
  const known: Part[] = ['wiring', 'ports', 'domain', 'commands', 'projections', 'sagas', 'processes', 'notifications', 'adapters', 'api', 'observability'];
  if (!known.includes(part)) throw new Error(`${file} is in no part of the layout (docs/architecture.md)`);
  return part;
}

/** The parts that reach infrastructure only through src/ports/ (the transports included: they are
 * handed what they use, built in src/wiring/). */
const useCases: Part[] = ['commands', 'projections', 'sagas', 'processes', 'notifications', 'api'];

/** [importer part, imported part] pairs that must not occur, each with its reason. */
function forbidden(from: Part, to: Part): string | null {
  if (from === to) return null;
  if (from === 'domain') return 'the domain imports nothing outside domain/';
  if (from === 'ports' && (to === 'adapters' || to === 'api' || to === 'wiring')) return 'ports never import adapters, transports or wiring';
  if (from === 'projections' && to === 'sagas') return 'projections never import sagas';
  if (useCases.includes(from) && to === 'adapters') return 'use cases import ports, never adapters (the composition root hands them in)';
  if (from === 'adapters' && (to === 'api' || to === 'wiring')) return 'adapters never import transports or wiring';
  if (to === 'wiring' && from !== 'entry') return 'only the entry points import the composition root';
  return null;
}

/** Every elementary cycle found by a depth-first search, one per strongly connected knot. */
function findCycles(graph: Map<string, string[]>): string[][] {
  const cycles: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return cycles;
}

describe('the layout (docs/architecture.md)', () => {
  it('finds the source files', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files).toContain('src/main.ts');
  });

  it('imports only in the allowed directions', () => {
    const violations = [...imports].flatMap(([file, targets]) => targets.flatMap((target) => {
      const reason = forbidden(partOf(file), partOf(target));
      return reason ? [`${file} → ${target}: ${reason}`] : [];
    }));
    expect(violations).toEqual([]);
  });

  it('has no import cycle', () => {
    const cycles = findCycles(imports).map((cycle) => cycle.join(' → '));
    expect(cycles).toEqual([]);
  });

  it('fails on what it forbids', () => {
    expect(forbidden('projections', 'sagas')).not.toBeNull();
    expect(forbidden('api', 'wiring')).not.toBeNull();
    expect(forbidden('sagas', 'adapters')).not.toBeNull();
    expect(forbidden('api', 'adapters')).not.toBeNull();
    expect(forbidden('adapters', 'ports')).toBeNull();
    expect(forbidden('entry', 'wiring')).toBeNull();
    expect(findCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual([['a', 'b', 'c', 'a']]);
  });
});
