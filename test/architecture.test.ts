/**
 * The layering of src/, checked on the import statements themselves (type-only imports count: a
 * type import still ties one module's meaning to the other's). Lower layers never reach up:
 *   analysis ← ingest ← index ← search ← answer ← archive ← cli / bot   (embed beside index)
 * with no exemption (the archive's worker threads live in src/archive/ beside it), and no module
 * imports itself through a cycle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : [],
  );
}

/** Relative module specifiers of `import … from`, `export … from`, `import '…'` and `import('…')`. */
export function importsOf(code: string): string[] {
  const specs: string[] = [];
  const patterns = [/^\s*(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]/gmu, /^\s*import\s*['"]([^'"]+)['"]/gmu, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/gu];
  for (const re of patterns) for (const m of code.matchAll(re)) specs.push(m[1]!);
  return specs.filter((s) => s.startsWith('.'));
}

/** The import graph of src/: file (relative to src, e.g. "search/search.ts") → files it imports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const deps = importsOf(readFileSync(file, 'utf8')).map((spec) => relative(SRC, resolve(dirname(file), spec.replace(/\.js$/u, '.ts'))));
    graph.set(relative(SRC, file), [...new Set(deps)]);
  }
  return graph;
}

/** Every elementary cycle's first occurrence, as a path a → b → … → a. */
export function findCycles(graph: Map<string, string[]>): string[][] {
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

const layer = (file: string) => (file.includes('/') ? file.split('/')[0]! : file.replace(/\.ts$/u, ''));

/** Layers each layer must never import. */
const FORBIDDEN: Record<string, string[]> = {
  analysis: ['ingest', 'index', 'embed', 'search', 'answer', 'archive', 'bot', 'cli'],
  ingest: ['index', 'embed', 'search', 'answer', 'archive', 'bot', 'cli'],
  embed: ['ingest', 'index', 'search', 'answer', 'archive', 'bot', 'cli'],
  index: ['search', 'answer', 'archive', 'bot', 'cli'],
  search: ['answer', 'archive', 'bot', 'cli'],
  answer: ['archive', 'bot', 'cli'],
  archive: ['bot', 'cli'],
  types: ['analysis', 'ingest', 'index', 'embed', 'search', 'answer', 'archive', 'bot', 'cli'],
};

describe('architecture', () => {
  const graph = importGraph();

  it('reads every kind of relative import', () => {
    const code = "import a from './a.js';\nimport type { B } from '../b.js';\nexport { c } from './c.js';\nimport './d.js';\nconst e = await import('./e.js');\nimport x from 'zod';";
    expect(importsOf(code).sort()).toEqual(['../b.js', './a.js', './c.js', './d.js', './e.js']);
    expect(graph.get('archive/archive.ts')).toContain('search/search.ts');
  });

  it('lower layers never import higher ones', () => {
    const violations = [...graph].flatMap(([file, deps]) =>
      deps.filter((d) => FORBIDDEN[layer(file)]?.includes(layer(d))).map((d) => `${file} → ${d}`),
    );
    expect(violations).toEqual([]);
  });

  it('finds a cycle when there is one', () => {
    const g = new Map([['a.ts', ['b.ts']], ['b.ts', ['c.ts']], ['c.ts', ['a.ts']], ['d.ts', ['a.ts']]]);
    expect(findCycles(g)).toEqual([['a.ts', 'b.ts', 'c.ts', 'a.ts']]);
  });

  it('has no import cycle', () => {
    expect(findCycles(graph).map((c) => c.join(' → '))).toEqual([]);
  });
});
