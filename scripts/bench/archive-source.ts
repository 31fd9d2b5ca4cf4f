/**
 * The archive a bench run measures: the generated one (corpus.ts, `--passages`) or any folder of
 * article files (`--corpus DIR`, e.g. SaudiNewsNet written by `npm run corpus:saudinewsnet`). Only
 * where the files come from differs; every measurement is then the same on both.
 */
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { listArticleFiles } from '../../src/index/indexer.js';
import { readArticleFile } from '../../src/ingest/read-article-file.js';
import { corpusDir, DEFAULT_CORPUS, writeCorpus, type CorpusInfo } from './corpus.js';

export interface BenchArchive {
  /** DATA_DIR as sanad indexes it. */
  dataDir: string;
  /** Names this archive's index, MiniSearch save and result under the bench's --out. */
  key: string;
  /** Where the files came from, one line. */
  description: string;
  files: number;
  bytes: number;
  /** An indexed file the one-file re-index appends a paragraph to (and restores). */
  editFile: string;
  /** The generator's record, for a generated archive. */
  generated?: CorpusInfo;
}

/** The deterministic synthetic archive of `passages` passages under `out` (written once, then reused). */
export function syntheticArchive(out: string, seedDir: string, passages: number): BenchArchive {
  const options = { ...DEFAULT_CORPUS, passages };
  const dataDir = corpusDir(out, options);
  const generated = writeCorpus(dataDir, seedDir, options);
  return {
    dataDir, key: String(passages), files: generated.files, bytes: generated.bytes, generated,
    description: `synthetic, ${passages} passages, vocabulary ${generated.vocabulary}`,
    editFile: join(dataDir, 'd0000/a0000000.txt'),
  };
}

/** A folder of articles as it is. The edited file is the first that sanad reads as an article. */
export function folderArchive(dir: string): BenchArchive {
  const dataDir = realpathSync(dir);
  const files = listArticleFiles(dataDir).map((f) => join(dataDir, f));
  const editFile = files.find((f) => {
    try {
      return readArticleFile(basename(f), readFileSync(f), Infinity).length > 0;
    } catch {
      return false;
    }
  });
  if (!editFile) throw new Error(`${dir}: no article file sanad can read`);
  const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
  const key = `corpus-${basename(dataDir)}-${createHash('sha256').update(dataDir).digest('hex').slice(0, 8)}`;
  return { dataDir, key, description: `folder ${dataDir}`, files: files.length, bytes, editFile };
}
