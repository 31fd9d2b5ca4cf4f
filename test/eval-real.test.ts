/** The real-data evaluation's parts: ARCD and SaudiNewsNet readers, near misses, the English sample, RRF, scores. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { englishSample, isNearMissParagraph, paragraphFile, readArcd } from '../scripts/datasets/arcd.js';
import { newsFile, readSaudiNewsNet, slice } from '../scripts/datasets/saudinewsnet.js';
import { reciprocalRankFusion, type Asked } from '../scripts/eval-real/collect.js';
import { score } from '../scripts/eval-real/metrics.js';
import { FEATURE_NAMES, type CandidateFeatures } from '../src/search/features.js';

function arcdDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sanad-arcd-'));
  const article = (title: string, n: number) => ({
    title,
    paragraphs: Array.from({ length: n }, (_, i) => ({
      context: `${title} فقرة ${i}`,
      qas: [{ id: `${title}-${i}`, question: ` - سؤال ${title} ${i}؟ ` }],
    })),
  });
  writeFileSync(join(dir, 'arcd-train.json'), JSON.stringify({ data: [article('أ', 3), article('ب', 1), article('ج', 6)] }));
  return dir;
}

describe('ARCD as articles', () => {
  it('reads paragraphs as files with their questions, tidied, and leaves every 5th paragraph out where its article has others', () => {
    const arcd = readArcd(arcdDir(), 'train');
    expect(arcd.paragraphs).toHaveLength(10);
    expect(arcd.questions[0]).toEqual({ id: 'أ-0', question: 'سؤال أ 0؟', file: 'arcd-train-0000.txt' });
    expect(paragraphFile(arcd.paragraphs[0]!)).toBe('أ\n\nأ فقرة 0\n');
    expect(arcd.paragraphs.filter(isNearMissParagraph).map((p) => p.file)).toEqual(['arcd-train-0004.txt', 'arcd-train-0009.txt']);
  });

  it('samples the same questions for translation whatever their order in the file', () => {
    const arcd = readArcd(arcdDir(), 'train');
    const a = englishSample(arcd, 4).map((q) => q.id);
    const b = englishSample({ ...arcd, questions: [...arcd.questions].reverse() }, 4).map((q) => q.id);
    expect(a).toEqual(b);
    expect(new Set(a).size).toBe(4);
  });
});

describe('SaudiNewsNet as articles', () => {
  it('reads every zip in name order, skips articles without a title or body, and writes title, paragraphs, outlet', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sanad-snn-'));
    const day = (articles: object[]) => zipSync({ 'day.json': strToU8(JSON.stringify(articles)) });
    writeFileSync(join(dir, '2015-07-22.zip'), day([{ source: 'okaz', title: 'ثانٍ', content: 'نص', date_extracted: '2015-07-22 01:00:00' }]));
    writeFileSync(join(dir, '2015-07-21.zip'), day([
      { source: 'spa', title: 'أول', content: 'فقرة أولى\n\n فقرة ثانية', date_extracted: '2015-07-21 01:00:00' },
      { source: 'spa', title: '', content: 'بلا عنوان' },
      { source: 'spa', title: 'بلا نص', content: ' ' },
    ]));
    const articles = readSaudiNewsNet(dir);
    expect(articles.map((a) => a.title)).toEqual(['أول', 'ثانٍ']);
    expect(newsFile(articles[0]!)).toBe('أول\n\nفقرة أولى\n\nفقرة ثانية\n\nالمصدر: spa\n');
    expect(() => readSaudiNewsNet(mkdtempSync(join(tmpdir(), 'sanad-empty-')))).toThrow('no SaudiNewsNet .zip files');
  });

  it('slices evenly and deterministically', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    expect(slice(items, 4)).toEqual([0, 2, 5, 7]);
    expect(slice(items, 20)).toEqual(items);
  });
});

describe('baselines and scores', () => {
  it('fuses rankings by reciprocal rank', () => {
    expect(reciprocalRankFusion([[1, 2, 3], [3, 1, 4]])).toEqual([1, 3, 2, 4]);
  });

  it('ranks candidates by the model and declines below its bar', () => {
    const f = (coverage: number) => ({ ...(Object.fromEntries(FEATURE_NAMES.map((n) => [n, 0])) as unknown as CandidateFeatures), coverage });
    const q = (kind: 'answerable' | 'nearMiss', candidates: Asked['candidates']): Asked => ({
      question: { id: kind, lang: 'ar', question: '؟', file: 'x', kind },
      candidates,
      baselines: { bm25: 2, dense: null, rrf: null },
      ms: { sanad: 1, bm25: 1, dense: null },
    });
    const linear = { weights: { coverage: 10 }, bias: -5 };
    const model = { ranking: linear, found: linear, foundThreshold: 0.5, answers: linear, threshold: 0.5 };
    const s = score(
      [
        q('answerable', [{ features: f(0.2), gold: false }, { features: f(0.9), gold: true }]),
        q('answerable', [{ features: f(0.4), gold: true }]),
        q('nearMiss', [{ features: f(0.3), gold: false }]),
      ],
      model,
    );
    expect(s.ranking.sanad).toMatchObject({ n: 2, hit1: 1 });
    expect(s.ranking.bm25).toMatchObject({ hit1: 0, hit3: 1 });
    expect(s.falseNotFound).toBe(0.5);
    expect(s.nearMissDeclined).toBe(1);
  });
});
