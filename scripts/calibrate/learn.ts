/**
 * How a scoring model is learned from collected training questions: the ranking model on every
 * candidate, the answers model on each question's first few, and the "not found" bar. Shared by
 * calibrate (which writes the shipped models) and ablation (which refits without one feature).
 */
import { RELATIVE_FEATURES, type CandidateFeatures, type FeatureName } from '../../src/search/features.js';
import { foundProbability, probability, type LearnedModel, type Linear } from '../../src/search/scorer.js';
import type { Asked, Candidate } from '../eval-real/collect.js';
import { rankedBy } from '../eval-real/metrics.js';
import { fitLogistic } from './logistic.js';

/** The L2 penalty (per training question) keeps weights finite where a feature separates perfectly. */
const L2 = 1;

/** At most this share of each bound language's answerable training questions may be answered "not found" at the bar. */
const MAX_FALSE_NOT_FOUND = 0.02;

/** Candidates the answers model is fitted on: each question's first few under the ranking model. */
const DECISION_DEPTH = 5;

/**
 * The highest bar at which at most MAX_FALSE_NOT_FOUND of each of `langs`' answerable training
 * questions would be declined, `p` scoring each question's best-ranked candidate. Lexical mode
 * binds Arabic alone: an English question there is read through a word-for-word dictionary, finds
 * its passage far less often, and would hold the bar at the level of noise for every Arabic
 * question; hybrid mode binds both.
 */
function chooseThreshold(asked: readonly Asked[], ranking: Linear, p: (f: CandidateFeatures) => number, langs: readonly string[]): number {
  const best = (a: Asked) => {
    const top = rankedBy(a, ranking)[0];
    return top ? p(top.features) : 0;
  };
  let bar = 1;
  for (const lang of langs) {
    const scores = asked.filter((a) => a.question.lang === lang && a.question.kind === 'answerable').map(best).sort((x, y) => x - y);
    if (scores.length === 0) continue;
    // Declining the k lowest is allowed for k ≤ the share × n: the bar sits between the k-th and the next.
    const k = Math.floor(MAX_FALSE_NOT_FOUND * scores.length);
    bar = Math.min(bar, k === 0 ? scores[0]! : (scores[k - 1]! + scores[k]!) / 2);
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
 * others); then, on each question's first DECISION_DEPTH candidates under it (where the negatives
 * of near misses and off-archive questions weigh), the found model over every feature and the
 * answers model over those that do not depend on the other candidates; then each one's bar.
 * `foundFeatures` narrows the found model's (the ablation's question: what do the relative ones add?).
 */
export function learn(
  asked: readonly Asked[],
  features: readonly FeatureName[],
  langs: readonly string[],
  log: (line: string) => void = () => undefined,
  foundFeatures: readonly FeatureName[] = features,
): LearnedModel {
  const ranking = fit(asked.flatMap((a) => a.candidates), asked.length, features, log);
  const top = (a: Asked) => rankedBy(a, ranking).slice(0, DECISION_DEPTH);
  const rows = asked.flatMap(top);
  const found = fit(rows, asked.length, foundFeatures, log);
  const answers = fit(rows, asked.length, features.filter((f) => !RELATIVE_FEATURES.has(f)), log);
  return {
    ranking,
    found,
    foundThreshold: chooseThreshold(asked, ranking, (f) => foundProbability({ found }, f), langs),
    answers,
    threshold: chooseThreshold(asked, ranking, (f) => probability({ answers }, f), langs),
  };
}
