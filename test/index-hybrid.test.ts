import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { openArchive, type Archive } from '../src/archive/archive.js';
import type { Config } from '../src/config.js';
import { tempArchive, testConfig, tinyModel, TINY_MODEL_RANKING } from './helpers.js';

const silent = pino({ level: 'silent' });
let modelDir: string;
beforeAll(async () => {
  modelDir = await tinyModel();
});

const QUESTION = 'ما موقف الكرملين من القوات البريطانية في أوكرانيا؟';

const open = (config: Config, log = silent) => openArchive(config, log, { ranking: TINY_MODEL_RANKING });

/** Fresh copies of the seed archive, configured for hybrid mode on the tiny model. */
function hybridArchive() {
  const dirs = tempArchive();
  return { dirs, config: testConfig(dirs, { EMBEDDING_MODEL: 'tiny', MODEL_DIR: modelDir }) };
}

/** Index (then `change`), answer QUESTION and close: the answer a reopened archive must give again. */
async function answerAndClose(config: Config, change: (archive: Archive) => Promise<unknown> = async () => undefined) {
  const archive = await open(config, silent);
  try {
    const report = await archive.index();
    await change(archive);
    return { report, expected: await archive.ask(QUESTION) };
  } finally {
    archive.close();
  }
}

describe('hybrid mode on the tiny model (real transformers.js + real HNSW)', () => {
  it('embeds every passage, answers, and re-embeds only changed passages', async () => {
    const { dirs, config } = hybridArchive();
    const archive = await open(config, silent);
    try {
      expect(archive.mode).toBe('hybrid');
      const report = await archive.index();
      expect(report).toMatchObject({ mode: 'hybrid', articles: 6, added: 5 });
      const answer = await archive.ask('متى دخلت طالبان كابول؟');
      expect(answer.answered).toBe(true);
      expect(answer.results[0]!.excerpt).toContain('كابول');
      expect(readFileSync(join(dirs.indexDir, 'vectors.json'), 'utf8')).toContain(`"count":${report.passages}`);
      const file = join(dirs.dataDir, '002_311d5706b071db88.txt');
      writeFileSync(file, `${readFileSync(file, 'utf8')}\n\nوأضاف لافروف أن الجولة المقبلة من المشاورات ستعقد في مدينة دوشنبه بمشاركة ممثلين عن طاجيكستان.\n`);
      expect(await archive.index()).toMatchObject({ updated: 1, unchanged: 4 });
      const state = JSON.parse(readFileSync(join(dirs.indexDir, 'vectors.json'), 'utf8')) as { count: number };
      expect(state.count).toBe(report.passages + 1);
    } finally {
      archive.close();
    }
  });

  it('reopens the saved graph after deletions without rebuilding it', async () => {
    const { dirs, config } = hybridArchive();
    const { expected } = await answerAndClose(config, (archive) => {
      rmSync(join(dirs.dataDir, '000_2f97a4cd25084954.txt'));
      return archive.index();
    });
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (l: string) => void lines.push(JSON.parse(l).msg) });
    const second = await open(config, log);
    try {
      expect(lines.filter((l) => l.includes('rebuilt'))).toEqual([]);
      expect(await second.ask(QUESTION)).toEqual(expected);
    } finally {
      second.close();
    }
  });

  /** Reopen after the graph files were tampered with: the graph must be rebuilt from the store and answer as before. */
  async function reopenRebuilt(config: Config, expected: unknown, passages: number) {
    const rebuilt: { vectors?: number; msg: string }[] = [];
    const log = pino({ level: 'info' }, { write: (l: string) => void rebuilt.push(JSON.parse(l)) });
    const second = await open(config, log);
    try {
      expect(rebuilt.filter((l) => l.msg.includes('rebuilt')).map((l) => l.vectors)).toEqual([passages]);
      expect(await second.ask(QUESTION)).toEqual(expected);
      expect(second.stats()).toMatchObject({ passages, mode: 'hybrid' });
    } finally {
      second.close();
    }
  }

  it('rebuilds a lost vector graph from the store', async () => {
    const { dirs, config } = hybridArchive();
    const { report, expected } = await answerAndClose(config);
    rmSync(join(dirs.indexDir, 'vectors.hnsw'));
    await reopenRebuilt(config, expected, report.passages);
  });

  it('rebuilds a stale vector graph (saved before the store\'s last change) from the store', async () => {
    const { dirs, config } = hybridArchive();
    await answerAndClose(config);
    // The graph as it was, then a change (a file deleted, another grown) that the saved graph will not reflect.
    const saved = ['vectors.hnsw', 'vectors.json'].map((f) => [join(dirs.indexDir, f), readFileSync(join(dirs.indexDir, f))] as const);
    const { expected } = await answerAndClose(config, (archive) => {
      rmSync(join(dirs.dataDir, '000_2f97a4cd25084954.txt'));
      const grown = join(dirs.dataDir, '003_1f1856e168336150.txt');
      writeFileSync(grown, `${readFileSync(grown, 'utf8')}\n\nوأضاف الكرملين أن موقفه من القوات البريطانية في أوكرانيا لن يتغير مهما كانت مدة مهمة حفظ السلام.\n`);
      return archive.index();
    });
    // Nothing left to index: the archive's passage count after the change.
    const { report: after } = await answerAndClose(config);
    expect(after).toMatchObject({ unchanged: 4, added: 0, removed: 0 });
    saved.forEach(([path, bytes]) => writeFileSync(path, bytes));
    expect(JSON.parse(readFileSync(join(dirs.indexDir, 'vectors.json'), 'utf8')).count).not.toBe(after.passages);
    await reopenRebuilt(config, expected, after.passages);
  });

  it('a model that cannot be had means lexical mode, said in one line, not a crash or a hang', async () => {
    const dirs = tempArchive();
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (l: string) => void lines.push(JSON.parse(l).msg) });
    const archive = await openArchive(testConfig(dirs, { EMBEDDING_MODEL: 'tiny', MODEL_DIR: join(dirs.dir, 'no-such-model') }), log);
    try {
      expect(archive.mode).toBe('lexical');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain('no-such-model');
      expect((await archive.index()).mode).toBe('lexical');
    } finally {
      archive.close();
    }
  });
});
