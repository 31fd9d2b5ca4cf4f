/**
 * `npm run corpus:saudinewsnet -- --from <saudinewsnet dir> --to <DATA_DIR> [--articles N]`
 *
 * Writes SaudiNewsNet as a real archive for sanad (one .txt per article, scripts/datasets/
 * saudinewsnet.ts's format), for the benchmark's `--corpus` and for trying the bot on a real size.
 * Its licence (CC BY-NC-SA 4.0) keeps it out of the repository, so a --to inside it is refused.
 * The same arguments always write the same files: --articles takes a fixed, evenly spread slice.
 */
import { existsSync, mkdirSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { newsFile, newsFileName, readSaudiNewsNet, slice } from './datasets/saudinewsnet.js';

const REPO = resolve(import.meta.dirname, '..');
const WRITTEN = /^news-\d{5}\.txt$/u;

/** The real path of `p`, which may not exist yet: its nearest existing ancestor's, resolved through symlinks. */
function realPathOf(p: string): string {
  const abs = resolve(p);
  if (existsSync(abs)) return realpathSync(abs);
  const parent = dirname(abs);
  return parent === abs ? abs : join(realPathOf(parent), basename(abs));
}

function insideRepo(p: string): boolean {
  const rel = relative(realpathSync(REPO), realPathOf(p));
  return !rel.startsWith('..') && !isAbsolute(rel);
}

function parseArgs(argv: string[]): { from: string; to: string; articles: number } {
  let from: string | undefined;
  let to: string | undefined;
  let articles = Infinity;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[++i];
    if (v === undefined) throw new Error(`${a} needs a value`);
    if (a === '--from') from = v;
    else if (a === '--to') to = v;
    else if (a === '--articles') articles = Number(v);
    else throw new Error(`unknown option ${a}`);
  }
  if (!from || !to) throw new Error('usage: --from <saudinewsnet dir> --to <DATA_DIR> [--articles N]');
  if (articles !== Infinity && (!Number.isInteger(articles) || articles < 1)) throw new Error('--articles must be a whole number ≥ 1');
  return { from, to, articles };
}

function main(): void {
  const { from, to, articles } = parseArgs(process.argv.slice(2));
  if (insideRepo(to)) throw new Error(`${to} is inside the repository; SaudiNewsNet's licence keeps it out: write it elsewhere (e.g. /tmp/saudinewsnet)`);
  const chosen = slice(readSaudiNewsNet(from), articles);
  mkdirSync(to, { recursive: true });
  // Files of an earlier, larger run would stay in the archive: the folder holds this run's articles only.
  for (const name of readdirSync(to)) if (WRITTEN.test(name)) rmSync(join(to, name));
  let bytes = 0;
  chosen.forEach((a, i) => {
    const text = newsFile(a);
    writeFileSync(join(to, newsFileName(i)), text);
    bytes += Buffer.byteLength(text);
  });
  const outlets = new Set(chosen.map((a) => a.source)).size;
  process.stdout.write(`wrote ${chosen.length} articles from ${outlets} outlets (${(bytes / 1e6).toFixed(1)} MB) to ${resolve(to)}\n`);
}

try {
  main();
} catch (err) {
  process.stderr.write(`corpus:saudinewsnet: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
