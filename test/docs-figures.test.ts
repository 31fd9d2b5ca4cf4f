/**
 * The generated figures in docs/ belong to the shipped calibration: each section of
 * evaluation-figures.md names the bars it was scored with, and they must be the bars in
 * src/search/calibration.json. A calibration learned again without `npm run docs:evaluation` fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { shippedCalibration } from '../src/search/scorer.js';

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
