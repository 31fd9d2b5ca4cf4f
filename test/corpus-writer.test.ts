/** The SaudiNewsNet corpus writer (scripts/corpus-saudinewsnet.ts), run for real on a slice of the real dataset. */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSaudiNewsNet, slice } from '../scripts/datasets/saudinewsnet.js';
import { readArticleFile } from '../src/ingest/read-article-file.js';
import { ROOT } from './helpers.js';

const DATASET = resolve(ROOT, process.env.SANAD_DATASETS ?? '../shared/datasets', 'saudinewsnet');
const N = 50;

function writeCorpus(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts/corpus-saudinewsnet.ts'), ...args], { cwd: ROOT }, (err, stdout, stderr) =>
      done({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
    );
  });
}

const files = (dir: string) => readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')] as const);

describe.skipIf(!existsSync(DATASET))(`corpus:saudinewsnet${existsSync(DATASET) ? '' : ` (skipped: no SaudiNewsNet at ${DATASET}; set SANAD_DATASETS)`}`, () => {
  it('writes a fixed slice, one file per article, that sanad reads back with its title and outlet; again the same bytes', async () => {
    const a = mkdtempSync(join(tmpdir(), 'sanad-corpus-a-'));
    const b = mkdtempSync(join(tmpdir(), 'sanad-corpus-b-'));
    // Left by an earlier, larger run: it must not stay in the archive.
    writeFileSync(join(b, 'news-00070.txt'), 'عنوان قديم\n\nنص قديم\n');
    const first = await writeCorpus(['--from', DATASET, '--to', a, '--articles', String(N)]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^wrote ${N} articles from \\d+ outlets \\(.+ MB\\) to ${a}\\n$`, 'u'));

    const expected = slice(readSaudiNewsNet(DATASET), N);
    const written = files(a);
    expect(written).toHaveLength(N);
    // SaudiNewsNet holds pages whose body is a lone caption line ("رابط الخبر …", a name under a
    // photo): sanad refuses those as furniture, as it would in DATA_DIR; every other file is an article.
    let read = 0;
    written.forEach(([name, text], i) => {
      const data = expected[i]!;
      let articles;
      try {
        articles = readArticleFile(name, Buffer.from(text), 1 << 20);
      } catch (err) {
        expect(String(err)).toContain('no article text found');
        expect(data.content.trim()).not.toMatch(/\n\s*\n/u);
        return;
      }
      read++;
      expect(articles).toHaveLength(1);
      // sanad reads a line's runs of spaces as one.
      expect(articles[0]!.title).toBe(data.title.replace(/\s+/gu, ' '));
      expect(articles[0]!.source).toBe(data.source);
      expect(articles[0]!.paragraphs.length).toBeGreaterThan(0);
    });
    expect(read).toBeGreaterThanOrEqual(N * 0.9);
    expect(new Set(expected.map((x) => x.source)).size).toBeGreaterThan(1);

    const second = await writeCorpus(['--from', DATASET, '--to', b, '--articles', String(N)]);
    expect(second.code).toBe(0);
    expect(files(b)).toEqual(written);
  });

  it('refuses a folder inside the repository in one line, and writes nothing', async () => {
    const to = join(ROOT, '.tmp', 'corpus-writer-refused');
    const r = await writeCorpus(['--from', DATASET, '--to', to, '--articles', '5']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^corpus:saudinewsnet: .*corpus-writer-refused is inside the repository; SaudiNewsNet's licence keeps it out[^\n]*\n$/u);
    expect(existsSync(to)).toBe(false);
  });
});
