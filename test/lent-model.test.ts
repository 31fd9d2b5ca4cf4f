/**
 * The bot's model lent to its writer thread (src/archive/lent-model.ts), over a real message channel
 * and the real tiny model: the writer's vectors are the model's, a failure reaches the writer as an
 * error, and the bot's archive indexed through its writer stores what the model makes in-thread.
 */
import { join } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { pino } from 'pino';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../src/archive/archive.js';
import { isEmbedAnswer, isEmbedAsk, LentEmbedder, serveEmbeddings } from '../src/archive/lent-model.js';
import type { Embedder } from '../src/embed/embedder.js';
import { loadEmbedderThread } from '../src/embed/embed-thread.js';
import { openStoreFile } from '../src/index/store-file.js';
import { seedParagraphs, tempArchive, testConfig, tinyEmbedder, tinyModel, TINY_MODEL_RANKING } from './helpers.js';

let modelDir: string;
let model: Embedder;
let texts: string[];
beforeAll(async () => {
  modelDir = await tinyModel();
  model = await tinyEmbedder(modelDir);
  texts = seedParagraphs();
}, 60_000);

const channels: MessageChannel[] = [];
afterEach(() => channels.splice(0).forEach((c) => (c.port1.close(), c.port2.close())));

/** A writer's embedder (port1) served by `lender` on the bot's end (port2); `served` runs after each ask is handed on. */
function lend(lender: Embedder, served: () => void = () => {}): LentEmbedder {
  const channel = new MessageChannel();
  channels.push(channel);
  const lent = new LentEmbedder({ model: lender.model, dim: lender.dim }, channel.port1);
  channel.port1.on('message', (m: object) => isEmbedAnswer(m) && lent.settle(m));
  channel.port2.on('message', (m: object) => {
    if (!isEmbedAsk(m)) return;
    serveEmbeddings(channel.port2, lender, m);
    served();
  });
  return lent;
}

const maxDifference = (a: Float32Array[], b: Float32Array[]) => Math.max(...a.flatMap((v, i) => [...v].map((x, k) => Math.abs(x - b[i]![k]!))));

describe('the model lent to the writer', () => {
  it('embeds passages and questions as the model itself does', async () => {
    const lent = lend(model);
    expect([lent.model, lent.dim]).toEqual([model.model, model.dim]);
    const passages = texts.slice(0, 12);
    expect(maxDifference(await lent.embedPassages(passages), await model.embedPassages(passages))).toBeLessThan(1e-6);
    const question = 'ما موقف الكرملين من القوات البريطانية؟';
    expect(maxDifference([await lent.embedQuery(question)], [await model.embedQuery(question)])).toBeLessThan(1e-6);
    expect(await lent.embedPassages([])).toEqual([]);
  });

  it('fails the writer’s call with the lender’s reason, and fails what is pending when disposed', async () => {
    const load = await loadEmbedderThread({ model: 'tiny', modelDir, cacheDir: join(modelDir, 'cache') });
    if (!load.embedder) throw new Error(load.reason);
    const thread = load.embedder;
    // The bot's model thread ends under the writer's batch.
    const dying = lend(thread, () => void thread.dispose()).embedPassages(Array.from({ length: 8 }, () => texts).flat());
    await expect(dying).rejects.toThrow(/^embedding failed: the model thread exited/u);
    await thread.dispose();

    const lent = lend(model);
    const pending = lent.embedPassages(texts);
    await lent.dispose();
    await expect(pending).rejects.toThrow('the writer stopped embedding');
  });

  it('lets the bot’s writer thread, which loads no model of its own, store the vectors the model makes', async () => {
    const dirs = tempArchive();
    const config = testConfig(dirs, { EMBEDDING_MODEL: 'tiny', MODEL_DIR: modelDir });
    const bot = await openArchive(config, pino({ level: 'silent' }), { ranking: TINY_MODEL_RANKING, offThread: true });
    try {
      expect(bot.mode).toBe('hybrid');
      const report = await bot.index();
      expect(report.passages).toBeGreaterThan(20);
    } finally {
      bot.close();
    }
    const { store } = openStoreFile(join(dirs.indexDir, 'sanad.sqlite'));
    try {
      const stored = [...store.vectors()];
      expect(stored.length).toBe(store.passageCount());
      const made = await model.embedPassages(store.passages(stored.map((v) => v.id)).map((p) => p.text));
      expect(maxDifference(stored.map((v) => v.vector), made)).toBeLessThan(1e-5);
    } finally {
      store.close();
    }
  });
});
