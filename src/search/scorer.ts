/**
 * The one score a passage gets, in either mode: the probability that it answers the question,
 * from logistic models over its features (features.ts) learned on training questions by
 * `npm run calibrate` (scripts/calibrate.ts), with the bar under which the answer is "not found".
 * The learned weights live in calibration.json beside this file; nothing here is tuned.
 */
import { readFileSync } from 'node:fs';
import type { Embedder } from '../embed/embedder.js';
import type { CandidateFeatures, FeatureName } from './features.js';

/** A weighted sum of features; a feature it does not name weighs 0. */
export interface Linear {
  weights: Partial<Record<FeatureName, number>>;
  bias: number;
}

/**
 * Three logistic models and two bars. `ranking` orders a question's candidates (fitted on every
 * candidate, it may weigh how a passage stands against the others: its ranks, its lead). `found`
 * says whether the archive answers the question at all, judged on its best-ranked candidate: it too
 * weighs the candidate's standing, since on an archive of noise the signals disagree about which
 * passage is best, while an answer tends to lead them all. `answers` is a passage's score: the
 * probability that it answers, from what it holds whatever the others are, so that a second or
 * third passage that answers too is cited although it is not first.
 */
export interface LearnedModel {
  ranking: Linear;
  found: Linear;
  /** The best-ranked candidate's `found` probability under which the answer is "not found". 0..1. */
  foundThreshold: number;
  answers: Linear;
  /** A passage after the first is cited where its score reaches this. 0..1. */
  threshold: number;
}

/** A hybrid-mode model, with the embedding model it was learned for. */
export interface HybridModel extends LearnedModel {
  /** Name of the embedding model (for messages). */
  model: string;
  dim: number;
  /** The model's embedding of `PROBE_TEXT`: another model embeds it differently, and needs its own calibration. */
  probe: number[];
}

export interface Calibration {
  lexical: LearnedModel;
  hybrid: HybridModel[];
}

/** Text whose query embedding tells one embedding model from another. */
export const PROBE_TEXT = 'ما الذي قاله الوزير عن المفاوضات؟ What did the minister say about the talks?';
/** A model whose probe embedding lies at least this close (cosine) to a calibration's is the model it was learned for. */
const SAME_MODEL = 0.98;

/** The weighted sum of `features` under `linear`. */
export function logit(linear: Linear, features: CandidateFeatures): number {
  let z = linear.bias;
  for (const [name, w] of Object.entries(linear.weights) as [FeatureName, number][]) z += w * features[name];
  return z;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Probability (0..1) that a candidate answers, under `model`: its score. */
export function probability(model: Pick<LearnedModel, 'answers'>, features: CandidateFeatures): number {
  return sigmoid(logit(model.answers, features));
}

/** Probability (0..1) that the archive answers the question, from its best-ranked candidate's features. */
export function foundProbability(model: Pick<LearnedModel, 'found'>, features: CandidateFeatures): number {
  return sigmoid(logit(model.found, features));
}

const CALIBRATION_FILE = new URL('./calibration.json', import.meta.url);

let shipped: Calibration | undefined;

/** The calibration shipped with the code (src/search/calibration.json), read once. */
export function shippedCalibration(): Calibration {
  shipped ??= JSON.parse(readFileSync(CALIBRATION_FILE, 'utf8')) as Calibration;
  return shipped;
}

const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
};

/** The hybrid model learned for the embedding model whose probe embedding is `probe`, if any. */
export function hybridModelFor(calibration: Calibration, probe: Float32Array): HybridModel | null {
  return calibration.hybrid.find((m) => m.dim === probe.length && cosine(m.probe, probe) >= SAME_MODEL) ?? null;
}

/** The hybrid model learned for `embedder` (recognised by its embedding of `PROBE_TEXT`), if any. */
export async function hybridModelOf(calibration: Calibration, embedder: Embedder): Promise<HybridModel | null> {
  return hybridModelFor(calibration, await embedder.embedQuery(PROBE_TEXT));
}
