import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../src/archive/archive.js';
import { readArticleFile } from '../src/ingest/read-article-file.js';
import { toPassages } from '../src/ingest/passages.js';
import { ROOT, SEED_DIR, tempArchive, testConfig, tinyModel, TINY_MODEL_RANKING } from './helpers.js';

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
      const archive = await openArchive(config, pino({ level: 'silent' }), { ranking: TINY_MODEL_RANKING });
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
        const files = readdirSync(dirs.dataDir).filter((f) => /\.(txt|md|html)$/u.test(f)); // not a temp file a kill left
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

/** From first-build-worker's lines: the passages written so far (0 before any is). */
const passagesWritten = (line: string) => (line.startsWith('embedded') ? 0 : Number(line.split(' ')[2] ?? 0));
/** The passages embedded and committed so far (0 before the embedding batches). */
const passagesEmbedded = (line: string) => (line.startsWith('embedded ') ? Number(line.split(' ')[1]) : 0);

/**
 * Run a first build and SIGKILL it as soon as `committed` (read from its progress lines) is above 0;
 * resolves with that count, rejects if the build finishes first.
 */
function killFirstBuild(env: Record<string, string>, committed: (line: string) => number = passagesWritten): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test/fixtures/first-build-worker.ts')], {
      env: { PATH: process.env.PATH, LOG_LEVEL: 'silent', EMBEDDING_MODEL: 'none', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let most = 0;
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      for (const line of out.split('\n').slice(0, -1)) most = Math.max(most, committed(line));
      if (most > 0) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(most) : reject(new Error(`the first build finished before it could be killed: ${out.slice(-200)}`))));
  });
}

describe('crash safety: an interrupted build keeps every committed file', () => {
  it('a first build or a re-stemming killed midway resumes where it was: committed files are unchanged, none is redone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sanad-first-build-'));
    const dataDir = join(dir, 'data');
    const indexDir = join(dir, 'index');
    mkdirSync(dataDir);
    // 80 distinct files of about 65 passages: several write batches, so a kill lands between two.
    const seed = readdirSync(SEED_DIR).map((f) => readFileSync(join(SEED_DIR, f), 'utf8')).join('\n\n');
    for (let i = 0; i < 80; i++) {
      writeFileSync(join(dataDir, `bulk-${String(i).padStart(2, '0')}.txt`), `${seed}\n\nفقرة ختامية رقم ${i} تقول إن الاجتماع القادم سيعقد في موسكو لبحث الأمن الإقليمي والتعاون.\n`);
    }
    const committed = await killFirstBuild({ DATA_DIR: dataDir, INDEX_DIR: indexDir });
    expect(committed).toBeGreaterThan(0);
    const archive = await openArchive(testConfig({ dataDir, indexDir }), pino({ level: 'silent' }));
    try {
      const done = archive.stats().passages;
      expect(done).toBeGreaterThanOrEqual(committed);
      const report = await archive.index();
      expect(report.failed).toEqual([]);
      expect(report.updated).toBe(0);
      expect(report.unchanged).toBeGreaterThan(0);
      expect(report.unchanged + report.added).toBe(80);
      expect(report.passages).toBeGreaterThan(done);
      expect((await archive.ask('متى دخلت طالبان كابول؟')).answered).toBe(true);
    } finally {
      archive.close();
    }

    // New stemming rules: every file is re-stemmed; a run killed midway keeps the files it finished.
    const db = new Database(join(indexDir, 'sanad.sqlite'));
    db.prepare("UPDATE meta SET value = 'older' WHERE key = 'terms_version'").run();
    db.close();
    expect(await killFirstBuild({ DATA_DIR: dataDir, INDEX_DIR: indexDir })).toBeGreaterThan(0);
    const reopened = await openArchive(testConfig({ dataDir, indexDir }), pino({ level: 'silent' }));
    try {
      const report = await reopened.index();
      expect(report.failed).toEqual([]);
      expect(report.unchanged).toBeGreaterThan(0);
      expect(report.unchanged + report.updated).toBe(80);
    } finally {
      reopened.close();
    }
  });
});

/** Every passage's text and vector in an index's store, in text order. */
function storedVectors(indexDir: string): { text: string; vector: Float32Array | null }[] {
  const db = new Database(join(indexDir, 'sanad.sqlite'), { readonly: true });
  try {
    const rows = db.prepare('SELECT text, vector FROM passages ORDER BY text, id').all() as { text: string; vector: Buffer | null }[];
    return rows.map((r) => ({ text: r.text, vector: r.vector && new Float32Array(r.vector.buffer.slice(r.vector.byteOffset, r.vector.byteOffset + r.vector.byteLength)) }));
  } finally {
    db.close();
  }
}

describe('crash safety: embedding killed midway resumes', () => {
  it('hybrid mode: after a SIGKILL mid-embedding, the next run embeds only what is left, and every vector equals an uninterrupted run\'s', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sanad-embed-resume-'));
    const dataDir = join(dir, 'data');
    mkdirSync(dataDir);
    // 40 files whose every paragraph is distinct: thousands of passages to embed, several batches.
    const seed = readdirSync(SEED_DIR).map((f) => readFileSync(join(SEED_DIR, f), 'utf8')).join('\n\n');
    for (let i = 0; i < 40; i++) {
      const text = seed.split(/\n\s*\n/u).map((p, k) => (k === 0 ? p : `${p.trim()} (${i})`)).join('\n\n');
      writeFileSync(join(dataDir, `bulk-${String(i).padStart(2, '0')}.txt`), text);
    }
    const env = { EMBEDDING_MODEL: 'tiny', MODEL_DIR: modelDir, DATA_DIR: dataDir };
    const killedIndex = join(dir, 'killed');
    const embeddedBeforeKill = await killFirstBuild({ ...env, INDEX_DIR: killedIndex }, passagesEmbedded);
    const afterKill = storedVectors(killedIndex);
    const kept = afterKill.filter((p) => p.vector !== null).length;
    expect(kept).toBeGreaterThanOrEqual(embeddedBeforeKill);
    expect(kept).toBeLessThan(afterKill.length);

    const resumed = await openArchive(testConfig({ dataDir, indexDir: killedIndex }, env), pino({ level: 'silent' }), { ranking: TINY_MODEL_RANKING });
    const toEmbed: number[] = [];
    try {
      // Meanwhile a question is answered, and says how many passages only its words could reach.
      const meanwhile = await resumed.ask('متى دخلت طالبان كابول؟');
      expect(meanwhile.answered).toBe(true);
      expect(meanwhile.unembedded).toBe(afterKill.length - kept);
      const report = await resumed.index({ onProgress: (_d, _t, _f, counts) => counts.embedding && toEmbed.push(counts.embedding.total) });
      expect(report.failed).toEqual([]);
      expect(report.added + report.updated).toBe(0); // every file was written before the kill
      const after = await resumed.ask('متى دخلت طالبان كابول؟');
      expect(after.answered).toBe(true);
      expect(after.unembedded).toBeUndefined();
    } finally {
      resumed.close();
    }
    // Only the passages the killed run had not embedded were embedded again.
    expect(toEmbed[0]).toBe(afterKill.length - kept);

    const cleanIndex = join(dir, 'clean');
    const clean = await openArchive(testConfig({ dataDir, indexDir: cleanIndex }, env), pino({ level: 'silent' }), { ranking: TINY_MODEL_RANKING });
    try {
      await clean.index();
    } finally {
      clean.close();
    }
    const expected = storedVectors(cleanIndex);
    const got = storedVectors(killedIndex);
    expect(got.map((p) => p.text)).toEqual(expected.map((p) => p.text));
    expected.forEach(({ vector }, k) => {
      const other = got[k]!.vector;
      expect(vector).not.toBeNull();
      expect(other).not.toBeNull();
      expect(Math.max(...vector!.map((v, i) => Math.abs(v - other![i]!)))).toBeLessThan(1e-5);
    });
  });
});
