/** Shared test helpers: temporary copies of the seed archive, and running the real CLI. */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pino } from 'pino';
import { openArchive, type Archive } from '../src/archive/archive.js';
import { loadConfig, type Config } from '../src/config.js';
import { loadEmbedder, type Embedder } from '../src/embed/embedder.js';
import { ArchiveStore } from '../src/index/store.js';
import { rankingOptions } from '../src/search/ranking-options.js';

export const ROOT = resolve(import.meta.dirname, '..');
export const SEED_DIR = join(ROOT, 'data');

/** A fresh temp folder with a copy of data/ and an empty index folder. */
export function tempArchive(): { dir: string; dataDir: string; indexDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sanad-test-'));
  const dataDir = join(dir, 'data');
  cpSync(SEED_DIR, dataDir, { recursive: true });
  return { dir, dataDir, indexDir: join(dir, 'index') };
}

/**
 * A validated config for a temp archive (lexical mode unless a model is given; no English–Arabic
 * dictionary unless one is given, so that a test reads the same on a machine with one installed).
 */
export function testConfig(dirs: { dataDir: string; indexDir: string }, env: Record<string, string> = {}): Config {
  return loadConfig({ EMBEDDING_MODEL: 'none', BILINGUAL_DICTIONARY: 'none', DATA_DIR: dirs.dataDir, INDEX_DIR: dirs.indexDir, LOG_LEVEL: 'silent', ...env });
}

/** Run `npm run cli -- args` as a real process; resolves with exit code and output. */
export function runCli(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), ...args],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH, HOME: process.env.HOME, EMBEDDING_MODEL: 'none', BILINGUAL_DICTIONARY: 'none', LOG_LEVEL: 'warn', ...env },
        maxBuffer: 1 << 26,
      },
      (err, stdout, stderr) => done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** Generate the project's tiny ONNX embedding model into a temp folder (about 0.1 s). */
export async function tinyModel(): Promise<string> {
  const { makeTinyModel } = await import('../scripts/tiny-model.js');
  const dir = mkdtempSync(join(tmpdir(), 'sanad-tiny-model-'));
  await makeTinyModel(dir, { dataDir: SEED_DIR });
  return dir;
}

/** The tiny model (folder `modelDir`), loaded on this thread. */
export async function tinyEmbedder(modelDir: string): Promise<Embedder> {
  const load = await loadEmbedder({ model: 'tiny', modelDir, cacheDir: join(modelDir, 'cache') });
  if (!load.embedder) throw new Error(load.reason);
  return load.embedder;
}

/** The seed archive's paragraphs of more than 40 characters: texts to embed. */
export function seedParagraphs(): string[] {
  return readdirSync(SEED_DIR)
    .flatMap((f) => readFileSync(join(SEED_DIR, f), 'utf8').split(/\n\s*\n/u))
    .filter((t) => t.trim().length > 40);
}

/**
 * Ranking for archives on the tiny model: the defaults. The shipped calibration has no hybrid model
 * for it (its probe embedding is unlike e5's), so its passages are scored by their words alone.
 */
export const TINY_MODEL_RANKING = rankingOptions();

/**
 * A lexical archive of constructed articles (file name → text), indexed, with its store opened beside
 * it for direct searches; `close` closes both.
 */
export async function constructedArchive(
  files: Record<string, string>,
  env: Record<string, string> = {},
): Promise<{ archive: Archive; store: ArchiveStore; close: () => void }> {
  const dir = mkdtempSync(join(tmpdir(), 'sanad-constructed-'));
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dataDir, name), text);
  const archive = await openArchive(testConfig({ dataDir, indexDir: join(dir, 'index') }, env), pino({ level: 'silent' }));
  await archive.index();
  const store = new ArchiveStore(join(dir, 'index', 'sanad.sqlite'));
  return { archive, store, close: () => (store.close(), archive.close()) };
}
