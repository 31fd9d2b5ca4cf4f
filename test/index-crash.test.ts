import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../src/archive.js';
import { readArticleFile } from '../src/ingest/read-article-file.js';
import { toPassages } from '../src/ingest/passages.js';
import { ROOT, tempArchive, testConfig, tinyModel } from './helpers.js';

let modelDir: string;
beforeAll(async () => {
  modelDir = await tinyModel();
});

/** Start the worker, let it write for `ms`, then SIGKILL it. */
function killMidWrite(env: Record<string, string>, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/fixtures/index-worker.ts')], {
      env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), ms));
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error(`worker exited ${code}: ${stderr}`))));
  });
}

describe('crash safety: a kill mid-write leaves a usable index', () => {
  it.each([
    ['lexical', false],
    ['hybrid', true],
  ])('%s mode: after each SIGKILL the index opens, is consistent, answers, and catches up', async (_mode, hybrid) => {
    const dirs = tempArchive();
    const env = { EMBEDDING_MODEL: hybrid ? 'tiny' : 'none', ...(hybrid ? { MODEL_DIR: modelDir } : {}) };
    const config = testConfig(dirs, env);
    for (const ms of [150, 400, 900]) {
      await killMidWrite({ DATA_DIR: dirs.dataDir, INDEX_DIR: dirs.indexDir, ...env }, ms);
      const archive = await openArchive(config, pino({ level: 'silent' }));
      try {
        expect(archive.mode).toBe(hybrid ? 'hybrid' : 'lexical');
        // Every indexed article holds exactly the passages of some complete version of its file: never a mix.
        for (const article of archive.sources()) {
          const detail = archive.show(article.id)!;
          expect(detail.passages.map((p) => p.position)).toEqual(detail.passages.map((_, i) => i));
          expect(detail.passages.length).toBeGreaterThan(0);
        }
        const report = await archive.index();
        expect(report.failed).toEqual([]);
        const files = readdirSync(dirs.dataDir);
        expect(report.articles).toBe(files.length + 1);
        for (const article of archive.sources()) {
          const parsed = readArticleFile(article.file, readFileSync(join(dirs.dataDir, article.file)), 1e7);
          const part = parsed.find((p) => p.title === article.title);
          if (!part) throw new Error(`${article.file}: ${article.title} not in ${parsed.map((p) => p.title).join(" / ")}`);
          expect(archive.show(article.id)!.passages.map((p) => p.text)).toEqual(toPassages(part.paragraphs).map((p) => p.text));
        }
        const answer = await archive.ask('متى دخلت طالبان كابول؟');
        expect(answer.answered).toBe(true);
        expect(answer.results[0]!.text).toContain('كابول');
      } finally {
        archive.close();
      }
    }
  });
});
