import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>; devDependencies: Record<string, string>; allowScripts: Record<string, boolean>;
};

describe('package.json', () => {
  it('lists as dependencies only what src/ imports at run time (types and tools are devDependencies)', () => {
    const imported = new Set(execFileSync('grep', ['-rhoE', "from '[^./][^']*'", path.join(root, 'src')], { encoding: 'utf8' })
      .split('\n').filter(Boolean)
      .map((line) => line.slice(6, -1))
      .map((name) => (name.startsWith('@') ? name.split('/').slice(0, 2).join('/') : name.split('/')[0]!)));
    const unused = Object.keys(manifest.dependencies).filter((name) => !imported.has(name));
    expect(unused).toEqual([]);
    expect(Object.keys(manifest.dependencies).filter((name) => name.startsWith('@types/'))).toEqual([]);
  });

  it('decides for every package with an install script whether it runs (npm 11 allowScripts)', () => {
    const npmMajor = Number(execFileSync('npm', ['--version'], { encoding: 'utf8' }).split('.')[0]);
    if (npmMajor < 11) return; // older npm runs every install script and has no `install-scripts`
    const output = execFileSync('npm', ['install-scripts', 'ls'], { cwd: root, encoding: 'utf8' });
    expect(output).toContain('No packages with unreviewed install scripts');
    expect(manifest.allowScripts.esbuild).toBe(true);
  });
});
