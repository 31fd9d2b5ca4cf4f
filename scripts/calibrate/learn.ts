/**
 * How a scoring model is learned from collected training questions: the ranking model on every
 * candidate, the answers model on each question's first few, and the "not found" bar. Shared by
 * calibrate (which writes the shipped models) and ablation (which refits without one feature).
 */
import type { FeatureName } from '../../src/search/features.js';
import { logit, type LearnedModel, type Linear } from '../../src/search/scorer.js';
import type { Asked, Candidate } from '../eval-real/collect.js';
import { rankUnder } from '../eval-real/metrics.js';
import { fitLogistic } from './logistic.js';

/** The L2 penalty (per training question) keeps weights finite where a feature separates perfectly. */
const L2 = 1;

/** At most this share of each bound language's answerable training questions may be answered "not found" at the bar. */
const MAX_FALSE_NOT_FOUND = 0.02;

/** Candidates the answers model is fitted on: each question's first few under the ranking model. */
const DECISION_DEPTH = 5;

/**
 * The highest bar at which at most MAX_FALSE_NOT_FOUND of each of `langs`' answerable training
 * questions are declined. Lexical mode binds Arabic alone: an English question there is read
 * through a word-for-word dictionary, finds its passage far less often, and would hold the bar
 * at the level of noise for every Arabic question; hybrid mode binds both.
 */
function chooseThreshold(asked: readonly Asked[], model: Omit<LearnedModel, 'threshold'>, langs: readonly string[]): number {
  let bar = 1;
  for (const lang of langs) {
    const best = asked
      .filter((a) => a.question.lang === lang && a.question.kind === 'answerable')
      .map((a) => rankUnder(a, { ...model, threshold: 0 }).best)
      .sort((x, y) => x - y);
    if (best.length === 0) continue;
    // Declining the k lowest is allowed for k ≤ the share × n: the bar sits between the k-th and the next.
    const k = Math.floor(MAX_FALSE_NOT_FOUND * best.length);
    bar = Math.min(bar, k === 0 ? best[0]! : (best[k - 1]! + best[k]!) / 2);
  }
  return Number(bar.toFixed(6));
}

/** A logistic fit of `rows` on `features`. */
function fit(rows: readonly Candidate[], questions: number, features: readonly FeatureName[], log: (line: string) => void): Linear {
  const x = rows.map((c) => features.map((f) => c.features[f]));
  const result = fitLogistic(x, rows.map((c) => (c.gold ? 1 : 0)), (L2 * questions) / 100);
  log(`  fitted on ${x.length} candidates of ${questions} questions in ${result.iterations} Newton steps`);
  const round = (v: number) => Number(v.toFixed(6));
  return { weights: Object.fromEntries(features.map((f, i) => [f, round(result.weights[i]!)])), bias: round(result.bias) };
}

/**
 * The ranking model on every candidate of every question (which passage answers, given the
 * others); then the answers model on each question's first DECISION_DEPTH candidates under it
 * (whether the passage answers at all: the negatives of near misses and off-archive questions weigh
 * here); then the bar.
 */
export function learn(asked: readonly Asked[], features: readonly FeatureName[], langs: readonly string[], log: (line: string) => void = () => undefined): LearnedModel {
  const ranking = fit(asked.flatMap((a) => a.candidates), asked.length, features, log);
  const top = (a: Asked) => [...a.candidates].sort((x, y) => logit(ranking, y.features) - logit(ranking, x.features)).slice(0, DECISION_DEPTH);
  const answers = fit(asked.flatMap(top), asked.length, features, log);
  return { ranking, answers, threshold: chooseThreshold(asked, { ranking, answers }, langs) };
}
