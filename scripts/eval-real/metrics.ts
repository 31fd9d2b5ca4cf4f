/** Scores of collected questions (collect.ts) under a learned model, beside the baselines. */
import { foundProbability, logit, type LearnedModel, type Linear } from '../../src/search/scorer.js';
import type { Asked, Candidate } from './collect.js';

export interface RankScores {
  n: number;
  hit1: number;
  hit3: number;
  hit5: number;
  mrr: number;
}

export interface SystemScores {
  /** Answerable questions, ranking quality (no cut). */
  ranking: { sanad: RankScores; bm25: RankScores; dense: RankScores | null; rrf: RankScores | null };
  /** Answerable questions answered "not found" (share). */
  falseNotFound: number;
  /** Near-miss questions answered "not found" (share), and how many there were. */
  nearMissDeclined: number;
  nearMisses: number;
  /** Off-archive questions answered "not found" (share), and how many. */
  offArchiveDeclined: number;
  offArchive: number;
  /** Median milliseconds per question. */
  ms: { sanad: number; bm25: number; dense: number | null };
}

/** A question's candidates ordered by the ranking model, best first (equal ranks keep their order). */
export function rankedBy(a: Asked, ranking: Linear): Candidate[] {
  return a.candidates.map((c, i) => ({ c, i, r: logit(ranking, c.features) })).sort((x, y) => y.r - x.r || x.i - y.i).map(({ c }) => c);
}

/** Candidates of a question ordered by `model`: 1-based rank of the first gold one (0: none), and the best-ranked one's "found" probability. */
export function rankUnder(a: Asked, model: LearnedModel): { rank: number; best: number } {
  const ranked = rankedBy(a, model.ranking);
  return { rank: ranked.findIndex((c) => c.gold) + 1, best: ranked[0] ? foundProbability(model, ranked[0].features) : 0 };
}

function rankScores(ranks: readonly number[]): RankScores {
  const n = ranks.length;
  const share = (f: (r: number) => boolean) => (n === 0 ? 0 : ranks.filter(f).length / n);
  return {
    n,
    hit1: share((r) => r === 1),
    hit3: share((r) => r >= 1 && r <= 3),
    hit5: share((r) => r >= 1 && r <= 5),
    mrr: n === 0 ? 0 : ranks.reduce((s, r) => s + (r > 0 ? 1 / r : 0), 0) / n,
  };
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export function score(asked: readonly Asked[], model: LearnedModel, threshold = model.foundThreshold): SystemScores {
  const under = asked.map((a) => ({ a, ...rankUnder(a, model) }));
  const answerable = under.filter((u) => u.a.question.kind === 'answerable');
  const near = under.filter((u) => u.a.question.kind === 'nearMiss');
  const off = under.filter((u) => u.a.question.kind === 'offArchive');
  const declined = (xs: typeof under) => (xs.length === 0 ? 0 : xs.filter((u) => u.best < threshold).length / xs.length);
  const hasDense = asked.some((a) => a.baselines.dense !== null);
  return {
    ranking: {
      sanad: rankScores(answerable.map((u) => u.rank)),
      bm25: rankScores(answerable.map((u) => u.a.baselines.bm25)),
      dense: hasDense ? rankScores(answerable.map((u) => u.a.baselines.dense ?? 0)) : null,
      rrf: hasDense ? rankScores(answerable.map((u) => u.a.baselines.rrf ?? 0)) : null,
    },
    falseNotFound: declined(answerable),
    nearMissDeclined: declined(near),
    nearMisses: near.length,
    offArchiveDeclined: declined(off),
    offArchive: off.length,
    ms: {
      sanad: median(asked.map((a) => a.ms.sanad)),
      bm25: median(asked.map((a) => a.ms.bm25)),
      dense: hasDense ? median(asked.map((a) => a.ms.dense ?? 0)) : null,
    },
  };
}

const f3 = (x: number) => x.toFixed(3);

/** The table eval:real prints for one language. */
export function table(title: string, s: SystemScores): string {
  const row = (name: string, r: RankScores | null, ms: number | null, tail = '') =>
    r ? `  ${name.padEnd(16)} ${String(r.n).padStart(4)} ${f3(r.hit1)} ${f3(r.hit3)} ${f3(r.hit5)} ${f3(r.mrr)} ${(ms ?? 0).toFixed(1).padStart(7)}${tail}` : null;
  const lines = [
    title,
    `  ${'system'.padEnd(16)} ${'n'.padStart(4)} Hit@1 Hit@3 Hit@5   MRR ms/q(p50)`,
    row('BM25', s.ranking.bm25, s.ms.bm25),
    row('e5 alone', s.ranking.dense, s.ms.dense),
    row('RRF(BM25, e5)', s.ranking.rrf, s.ms.dense === null ? null : s.ms.dense + s.ms.bm25),
    row('sanad', s.ranking.sanad, s.ms.sanad),
  ].filter((l): l is string => l !== null);
  const decisions = [];
  if (s.ranking.sanad.n > 0) decisions.push(`false "not found" ${f3(s.falseNotFound)}`);
  if (s.nearMisses > 0) decisions.push(`near misses declined ${f3(s.nearMissDeclined)} (of ${s.nearMisses})`);
  if (s.offArchive > 0) decisions.push(`off-archive declined ${f3(s.offArchiveDeclined)} (of ${s.offArchive})`);
  lines.push(`  sanad "not found": ${decisions.join(', ')}`);
  return lines.join('\n');
}

/** Near misses declined against false "not found", as the bar moves (the chosen bar marked). */
export function curve(asked: readonly Asked[], model: LearnedModel): string {
  const bars = [0.02, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7, model.foundThreshold].sort((a, b) => a - b);
  const rows = [...new Set(bars)].map((t) => {
    const s = score(asked, model, t);
    const mark = t === model.foundThreshold ? '  ← the bar' : '';
    return `  bar ${t.toFixed(3)}: false "not found" ${f3(s.falseNotFound)}, near misses declined ${f3(s.nearMissDeclined)}${s.offArchive ? `, off-archive declined ${f3(s.offArchiveDeclined)}` : ''}${mark}`;
  });
  return rows.join('\n');
}
