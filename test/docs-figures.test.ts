/**
 * Generated figures stay true. The evaluation figures belong to the shipped calibration: each section of
 * evaluation-figures.md names the bars it was scored with, and they must be the bars in
 * src/search/calibration.json. A calibration learned again without `npm run docs:evaluation` fails here.
 * The benchmark figures, and the README's Speed paragraph, must be what the saved runs give.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shippedCalibration } from '../src/search/scorer.js';
import { ROOT } from './helpers.js';

const figures = readFileSync(new URL('../docs/evaluation-figures.md', import.meta.url), 'utf8');

describe('docs/evaluation-figures.md', () => {
  it('was generated with the shipped calibration’s bars (run npm run docs:evaluation after npm run calibrate)', () => {
    const c = shippedCalibration();
    const shipped = new Set([c.lexical, ...c.hybrid].map((m) => `${m.foundThreshold}/${m.threshold}`));
    const printed = [...figures.matchAll(/the "not found" bar: ([\d.]+); a further passage is cited from ([\d.]+)/gu)].map((m) => `${Number(m[1])}/${Number(m[2])}`);
    expect(printed.length).toBeGreaterThan(0);
    for (const bars of printed) expect(shipped).toContain(bars);
    // Lexical sections carry the lexical bars.
    expect(printed).toContain(`${c.lexical.foundThreshold}/${c.lexical.threshold}`);
  });
});

describe('docs/benchmark-figures.md and the README\'s Speed figures', () => {
  it('are what the saved benchmark runs in docs/bench-results/ give (run npm run docs:benchmarks after saving a run there)', () => {
    const check = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/docs-benchmarks.ts', '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });

  it('the README quotes the real archive\'s run: its p50 CPU time is in the Speed paragraph', () => {
    const saved = JSON.parse(readFileSync(join(ROOT, 'docs/bench-results/saudinewsnet.json'), 'utf8')) as { lexical: { sanad: { query: { cpu: { p50: number } } } } };
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const speed = readme.slice(readme.indexOf('## Speed'), readme.indexOf('## Troubleshooting'));
    expect(speed).toContain(`a question costs ${saved.lexical.sanad.query.cpu.p50.toFixed(1)} /`);
  });
});
