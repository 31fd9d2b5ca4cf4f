/**
 * The knobs of how a question's words meet a passage's, in one place: candidate counts, BM25 column
 * weights, term weights and match credits (the features a passage is scored by, features.ts), and
 * how excerpts and duplicates are cut. How features become a score and where "not found" falls is
 * learned, not set: scorer.ts and calibration.json (`npm run calibrate`). Search (query.ts, idf.ts,
 * search.ts, the store's BM25) and answer (answer.ts, excerpt.ts) receive a `RankingOptions`;
 * nothing else holds a ranking constant. Try a change with `npm run cli -- eval --set key=value`.
 */

export interface RankingOptions {
  /**
   * Lexical candidates taken from the FTS5 index per question (and nearest neighbours in hybrid
   * mode), before coverage ranks them. Larger finds passages that share only rare words with the
   * question at the cost of more work per question. Safe range 10–500; default 50.
   */
  candidates: number;
  /**
   * BM25 column weight of the article title in the FTS5 index (the title is indexed with every
   * passage). BM25 only breaks coverage ties in lexical mode. Safe range 0–2; default 0.3.
   */
  bm25TitleWeight: number;
  /** BM25 column weight of the passage body. Safe range 0.1–2; default 1. */
  bm25BodyWeight: number;
  /**
   * Exponent applied to a question term's IDF to give its weight: 1 is plain IDF (the rarest word
   * dominates), 0 weighs every word alike, 0.5 (√IDF, default) lets a rare word count more without
   * letting a passage holding only that word outrank one holding most of the question. Safe range 0–1.
   */
  idfExponent: number;
  /**
   * Credit for a passage term that spells the question's word another way (كابل / كابول,
   * سيرجي / سيرغي, found in the archive's vocabulary by a consonant skeleton): the same name, but
   * found by a rule that can err. Safe range 0.5–1; default 0.9.
   */
  variantCredit: number;
  /**
   * Credit for a passage term that is another form of the question's word, made by the patterns
   * of Arabic morphology (analysis/word-forms.ts): a broken plural and its singular (وزير / وزراء),
   * a derived verb and its verbal noun (انسحب / انسحاب), a verb's present and past. The same word,
   * but found by a rule, and unvoweled patterns sometimes make another word of the same root
   * (حكم / حكومة), so less than a synonym group an editor checked and more than a bare root. Safe
   * range 0.3–1; default 0.6 (tuning set: 0.3–0.65 alike, 0.9 and up lose a question's Hit@3).
   */
  formCredit: number;
  /**
   * Credit for a passage term meeting the question term through a synonym group rather than as
   * written. Safe range 0–1 (0 ignores synonyms for coverage, though they still fetch candidates);
   * default 0.8.
   */
  synonymCredit: number;
  /**
   * Credit for a passage term sharing only an Arabic root with the question term: enough to prefer
   * the passage that words the question's verb as a noun, too little to answer alone. Words of one
   * root can mean different things, so keep it small. Safe range 0–0.5; default 0.3.
   */
  rootCredit: number;
  /**
   * The excerpt: a sentence holding the kind of answer asked for counts this share of the question's
   * weight more, so "متى …؟" is excerpted at the sentence with the date rather than the one that
   * merely repeats the question's words. Safe range 0–1; default 0.3.
   */
  excerptKindBonus: number;
  /** Weight of a match found only in the article's title, relative to one in the passage. Safe range 0–1; default 0.5. */
  titleCredit: number;
  /**
   * Passages sharing this share of their terms (Jaccard) are copies: one result, naming the other
   * articles. Chosen on SaudiNewsNet's wire copies by `npm run wire-copies`. Safe range 0.5–1.
   */
  duplicateJaccard: number;
  /** An excerpt sentence shorter than this many words gets the next sentence added for context. Safe range 0–40; default 8. */
  minExcerptWords: number;
}

/** Each knob's default and safe range: the only place a default is written. */
export const RANKING_KNOBS: { readonly [K in keyof RankingOptions]: { default: number; min: number; max: number; integer?: boolean } } = {
  candidates: { default: 50, min: 10, max: 500, integer: true },
  bm25TitleWeight: { default: 0.3, min: 0, max: 2 },
  bm25BodyWeight: { default: 1, min: 0.1, max: 2 },
  idfExponent: { default: 0.5, min: 0, max: 1 },
  variantCredit: { default: 0.9, min: 0.5, max: 1 },
  formCredit: { default: 0.6, min: 0.3, max: 1 },
  synonymCredit: { default: 0.8, min: 0, max: 1 },
  rootCredit: { default: 0.3, min: 0, max: 0.5 },
  titleCredit: { default: 0.5, min: 0, max: 1 },
  excerptKindBonus: { default: 0.3, min: 0, max: 1 },
  duplicateJaccard: { default: 0.7, min: 0.5, max: 1 },
  minExcerptWords: { default: 8, min: 0, max: 40, integer: true },
};

export type RankingKey = keyof RankingOptions;

export const RANKING_KEYS = Object.keys(RANKING_KNOBS) as RankingKey[];

export class RankingOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RankingOptionError';
  }
}

/** Check one value against its knob's safe range. */
function checked(key: string, value: number): number {
  if (!(key in RANKING_KNOBS)) throw new RankingOptionError(`unknown ranking option "${key}" (known: ${RANKING_KEYS.join(', ')})`);
  const knob = RANKING_KNOBS[key as RankingKey];
  if (!Number.isFinite(value) || value < knob.min || value > knob.max || (knob.integer && !Number.isInteger(value))) {
    throw new RankingOptionError(`${key} must be ${knob.integer ? 'a whole number' : 'a number'} from ${knob.min} to ${knob.max}, got ${value}`);
  }
  return value;
}

/** The defaults, with `overrides` applied and checked against the safe ranges. */
export function rankingOptions(overrides: Partial<RankingOptions> = {}): Readonly<RankingOptions> {
  const options = Object.fromEntries(RANKING_KEYS.map((k) => [k, RANKING_KNOBS[k].default])) as unknown as RankingOptions;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    options[key as RankingKey] = checked(key, value);
  }
  return Object.freeze(options);
}

export const DEFAULT_RANKING: Readonly<RankingOptions> = rankingOptions();

/** Parse `key=value` (as given to `eval --set`) into a checked override. */
export function parseRankingSetting(setting: string): Partial<RankingOptions> {
  const m = /^\s*([A-Za-z0-9]+)\s*=\s*(\S+)\s*$/u.exec(setting);
  if (!m) throw new RankingOptionError(`expected key=value, got "${setting}"`);
  return { [m[1]!]: checked(m[1]!, Number(m[2])) };
}
