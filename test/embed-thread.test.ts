/**
 * The model on a thread of its own (src/embed/embed-thread.ts), on the real tiny model: the same
 * vectors as in-thread, a caller whose event loop keeps turning meanwhile, the one-line reason when
 * the model cannot be had, a fresh thread after the last one is gone, and the bot's way of opening
 * the archive (offThread) answering as the in-thread archive does.
 */
import { join } from 'node:path';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../src/archive/archive.js';
import type { Embedder } from '../src/embed/embedder.js';
import { loadEmbedderThread } from '../src/embed/embed-thread.js';
import { seedParagraphs, tempArchive, testConfig, tinyEmbedder, tinyModel, TINY_MODEL_RANKING } from './helpers.js';

let modelDir: string;
let inThread: Embedder;
let texts: string[];
beforeAll(async () => {
  modelDir = await tinyModel();
  inThread = await tinyEmbedder(modelDir);
  texts = seedParagraphs();
}, 60_000);

const UPLOAD = [
  'بلدية طرابلس تفتتح مكتبة عامة جديدة',
  '',
  'افتتحت بلدية طرابلس يوم الأحد مكتبة عامة جديدة قرب الميناء، تضم آلاف الكتب وقاعة للمطالعة مفتوحة للطلاب والباحثين طوال أيام الأسبوع.',
].join('\n');

async function threaded(): Promise<Embedder> {
  const load = await loadEmbedderThread({ model: 'tiny', modelDir, cacheDir: join(modelDir, 'cache') });
  if (!load.embedder) throw new Error(load.reason);
  return load.embedder;
}

const maxDifference = (a: Float32Array[], b: Float32Array[]) => Math.max(...a.flatMap((v, i) => [...v].map((x, k) => Math.abs(x - b[i]![k]!))));

/** How many times the event loop turns while `work` runs. */
async function turnsDuring(work: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  let done = false;
  const spin = () => {
    turns++;
    if (!done) setImmediate(spin);
  };
  setImmediate(spin);
  await work();
  done = true;
  return turns;
}

describe('the model thread', () => {
  it('embeds questions and passages as the model does in-thread', async () => {
    const embedder = await threaded();
    try {
      expect([embedder.model, embedder.dim]).toEqual([inThread.model, inThread.dim]);
      const passages = texts.slice(0, 20);
      expect(maxDifference(await embedder.embedPassages(passages), await inThread.embedPassages(passages))).toBeLessThan(1e-5);
      const question = 'ما موقف الكرملين من القوات البريطانية؟';
      expect(maxDifference([await embedder.embedQuery(question)], [await inThread.embedQuery(question)])).toBeLessThan(1e-5);
      expect(await embedder.embedPassages([])).toEqual([]);
    } finally {
      await embedder.dispose();
    }
  });

  it('leaves the caller’s event loop free while it embeds, where an in-thread model holds it', async () => {
    const embedder = await threaded();
    try {
      const batch = Array.from({ length: 4 }, () => texts).flat();
      const free = await turnsDuring(() => embedder.embedPassages(batch));
      const held = await turnsDuring(() => inThread.embedPassages(batch));
      // In-thread the loop turns only between model runs (a few per batch of 16 texts).
      expect(free).toBeGreaterThan(10 * held);
    } finally {
      await embedder.dispose();
    }
  });

  it('says in one line why there is no model, and starts no thread for EMBEDDING_MODEL=none', async () => {
    const missing = await loadEmbedderThread({ model: 'x', modelDir: join(modelDir, 'absent'), cacheDir: join(modelDir, 'cache') });
    expect(missing.embedder).toBeNull();
    if (!missing.embedder) expect(missing.reason).toMatch(/^model folder .*absent not found; running in lexical mode$/u);
    const none = await loadEmbedderThread({ model: 'none', cacheDir: join(modelDir, 'cache') });
    expect(none).toEqual({ embedder: null, reason: 'EMBEDDING_MODEL=none: lexical mode' });
  });

  it('fails what a dying thread had not answered, and answers the next call from a fresh thread', async () => {
    const embedder = await threaded();
    try {
      const pending = embedder.embedPassages(Array.from({ length: 8 }, () => texts).flat());
      await embedder.dispose();
      await expect(pending).rejects.toThrow(/model thread exited/u);
      const question = 'أين عقد الاجتماع؟';
      expect(maxDifference([await embedder.embedQuery(question)], [await inThread.embedQuery(question)])).toBeLessThan(1e-5);
    } finally {
      await embedder.dispose();
    }
  });

  it('answers the bot’s archive (model off-thread) as the in-thread archive does', async () => {
    const dirs = tempArchive();
    const config = testConfig(dirs, { EMBEDDING_MODEL: 'tiny', MODEL_DIR: modelDir });
    const silent = pino({ level: 'silent' });
    // The bot is the index's writer; the in-thread archive only reads what it wrote.
    const bot = await openArchive(config, silent, { ranking: TINY_MODEL_RANKING, offThread: true });
    await bot.index();
    const here = await openArchive(config, silent, { ranking: TINY_MODEL_RANKING });
    let answered = 0;
    try {
      expect(bot.mode).toBe('hybrid');
      for (const question of ['ما موقف الكرملين من القوات البريطانية في أوكرانيا؟', 'Who met the Taliban in Kabul?', 'متى دخلت طالبان كابل؟']) {
        const [a, b] = [await here.ask(question, { top: 3 }), await bot.ask(question, { top: 3 })];
        expect(b.results.map((r) => [r.article.file, r.position, r.excerpt])).toEqual(a.results.map((r) => [r.article.file, r.position, r.excerpt]));
        expect(b.answered).toBe(a.answered);
        answered += a.results.length > 0 ? 1 : 0;
      }
      expect(answered).toBeGreaterThan(0); // the comparison is of answers, not of two empty lists

      // An upload goes through the writer thread; the bot's thread then reads the graph it saved.
      const added = await bot.addFile('upload.txt', Buffer.from(UPLOAD, 'utf8'));
      expect(added.articles).toHaveLength(1);
      const answer = await bot.ask('ما الذي افتتحته بلدية طرابلس قرب الميناء؟', { top: 3 });
      expect(answer.results[0]?.article.file).toBe(added.file);
    } finally {
      here.close();
      bot.close();
    }
  });
});
