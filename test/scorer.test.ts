/** The learned score: a logistic model over a candidate's features, and the calibration shipped with the code. */
import { describe, expect, it } from 'vitest';
import { FEATURE_NAMES, LEXICAL_FEATURES, RELATIVE_FEATURES, type CandidateFeatures } from '../src/search/features.js';
import { foundProbability, hybridModelFor, logit, probability, shippedCalibration, type Calibration, type LearnedModel } from '../src/search/scorer.js';
import { fitLogistic } from '../scripts/calibrate/logistic.js';
import { rng } from '../scripts/prng.js';

const zero = Object.fromEntries(FEATURE_NAMES.map((f) => [f, 0])) as unknown as CandidateFeatures;

describe('the learned score', () => {
  it('is a probability that rises with a positively weighted feature', () => {
    const model = { ranking: { weights: {}, bias: 0 }, answers: { weights: { coverage: 4 }, bias: -2 }, threshold: 0.5 };
    expect(probability(model, zero)).toBeCloseTo(1 / (1 + Math.exp(2)));
    expect(probability(model, { ...zero, coverage: 0.5 })).toBeCloseTo(0.5);
    expect(probability(model, { ...zero, coverage: 1 })).toBeGreaterThan(0.85);
  });

  it('is the answers model\'s alone: the ranking model orders, it does not score', () => {
    const model = { ranking: { weights: { lexicalRank: 5 }, bias: 0 }, answers: { weights: { coverage: 1 }, bias: 0 }, threshold: 0.5 };
    const f = { ...zero, coverage: 0.4, lexicalRank: 1 };
    expect(logit(model.ranking, f)).toBeCloseTo(5);
    expect(probability(model, f)).toBeCloseTo(1 / (1 + Math.exp(-0.4)));
  });

  it('"found" is the found model\'s: it may weigh how the best candidate stands against the others', () => {
    const model = { found: { weights: { coverageLead: 3 }, bias: -1 } };
    expect(foundProbability(model, zero)).toBeCloseTo(1 / (1 + Math.exp(1)));
    expect(foundProbability(model, { ...zero, coverageLead: 0.5 })).toBeGreaterThan(foundProbability(model, zero));
  });

  it('the shipped calibration: a lexical model on lexical features only, hybrid ones on any, a passage\'s score on no relative feature, bars inside 0..1', () => {
    const c = shippedCalibration();
    const names = (m: LearnedModel) => [...Object.keys(m.ranking.weights), ...Object.keys(m.found.weights), ...Object.keys(m.answers.weights)];
    expect(names(c.lexical).every((f) => LEXICAL_FEATURES.includes(f as never))).toBe(true);
    for (const m of [c.lexical, ...c.hybrid]) {
      for (const bar of [m.threshold, m.foundThreshold]) {
        expect(bar).toBeGreaterThan(0);
        expect(bar).toBeLessThan(1);
      }
      expect(names(m).every((f) => FEATURE_NAMES.includes(f as never))).toBe(true);
      expect(Object.keys(m.answers.weights).some((f) => RELATIVE_FEATURES.has(f as never))).toBe(false);
    }
    for (const h of c.hybrid) expect(h.probe).toHaveLength(h.dim);
  });

  it('a hybrid model is used only for the embedding model whose probe embedding it recorded', () => {
    const probe = [0.6, 0.8, 0];
    const none = { weights: {}, bias: 0 };
    const linear = { ranking: none, found: none, foundThreshold: 0.5, answers: none };
    const calibration: Calibration = { lexical: { ...linear, threshold: 0.5 }, hybrid: [{ ...linear, model: 'm', dim: 3, probe, threshold: 0.3 }] };
    expect(hybridModelFor(calibration, Float32Array.from([0.6, 0.79, 0.01]))?.model).toBe('m');
    expect(hybridModelFor(calibration, Float32Array.from([0, 0, 1]))).toBeNull();
    expect(hybridModelFor(calibration, Float32Array.from([0.6, 0.8]))).toBeNull();
  });
});

describe('fitting the logistic model (calibrate)', () => {
  it('recovers the weights that generated the labels', () => {
    const random = rng(7);
    const truth = { w: [3, -2], b: -0.5 };
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 20_000; i++) {
      const row = [random() * 2 - 1, random() * 2 - 1];
      const p = 1 / (1 + Math.exp(-(truth.w[0]! * row[0]! + truth.w[1]! * row[1]! + truth.b)));
      x.push(row);
      y.push(random() < p ? 1 : 0);
    }
    const fit = fitLogistic(x, y, 0.01);
    expect(fit.weights[0]).toBeCloseTo(3, 0);
    expect(fit.weights[1]).toBeCloseTo(-2, 0);
    expect(fit.bias).toBeCloseTo(-0.5, 0);
    expect(fit.iterations).toBeLessThan(50);
  });

  it('penalises a feature in units of its spread: rescaling a feature rescales its weight, nothing else', () => {
    const random = rng(7);
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 400; i++) {
      const lead = random() * 0.05; // a cosine's lead: its useful differences are hundredths
      const cover = random();
      x.push([lead, cover, 1]);
      y.push(random() < 1 / (1 + Math.exp(-(60 * lead + 2 * cover - 2))) ? 1 : 0);
    }
    const fit = fitLogistic(x, y, 5);
    const scaled = fitLogistic(x.map(([lead, cover, one]) => [lead! * 100, cover!, one!]), y, 5);
    expect(scaled.weights[0]).toBeCloseTo(fit.weights[0]! / 100, 6);
    expect(scaled.weights[1]).toBeCloseTo(fit.weights[1]!, 6);
    expect(scaled.bias).toBeCloseTo(fit.bias, 6);
    expect(fit.weights[0]).toBeGreaterThan(20);
    expect(fit.weights[2]).toBe(0); // constant over the rows: nothing to learn from it
  });

  it('stays finite on perfectly separable rows (the L2 penalty)', () => {
    const fit = fitLogistic([[0], [0.1], [0.9], [1]], [0, 0, 1, 1], 1);
    expect(Number.isFinite(fit.weights[0])).toBe(true);
    expect(fit.weights[0]).toBeGreaterThan(0);
  });
});
