/**
 * Hostile but fair files (scripts/hostile-inputs.ts) through the real ingest and a real SQLite
 * index in a temp folder, next to the seed archive: each is indexed with its passages or refused
 * with its reason, none stops the run, and the archive still answers afterwards. How long each
 * parse takes is measured by `npm run bench:hostile`, not here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arabicAnalyzer } from '../src/analysis/analyzer.js';
import { openArchive, type Archive } from '../src/archive/archive.js';
import { INGEST_LIMITS } from '../src/ingest/limits.js';
import type { IndexReport } from '../src/types.js';
import { ARTICLE, HOSTILE_CASES, TITLE } from '../scripts/hostile-inputs.js';
import { tempArchive, testConfig } from './helpers.js';

const silent = pino({ level: 'silent' });

describe('hostile inputs: each file is indexed or refused as itself, and the archive keeps answering', () => {
  let archive: Archive;
  let report: IndexReport;

  beforeAll(async () => {
    const dirs = tempArchive();
    for (const c of HOSTILE_CASES) writeFileSync(join(dirs.dataDir, c.file), c.bytes());
    archive = await openArchive(testConfig(dirs), silent);
    report = await archive.index();
  }, 600_000);
  afterAll(() => archive?.close());

  it('has at least 30 cases', () => expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(30));

  it.each(HOSTILE_CASES)('$file — $what', (c) => {
    const failure = report.failed.find((f) => f.file === c.file);
    const articles = archive.sources().filter((a) => a.file === c.file);
    const warning = report.warnings?.find((w) => w.file === c.file)?.warning;
    if ('refused' in c.expect) {
      expect(failure?.reason).toMatch(c.expect.refused);
      expect(articles).toEqual([]);
      return;
    }
    expect(failure).toBeUndefined();
    expect(articles.reduce((n, a) => n + a.passages, 0)).toBe(c.expect.passages);
    for (const a of articles) {
      for (const p of archive.show(a.id)!.passages) expect(p.text.length).toBeLessThanOrEqual(INGEST_LIMITS.passage.maxChars);
    }
    if (c.expect.warning) expect(warning).toMatch(c.expect.warning);
    else expect(warning).toBeUndefined();
  });

  it('reads every small article of the table as the same text, whatever its encoding or line ends', () => {
    const text = (file: string) => archive.show(file)!.passages.map((p) => p.text).join('\n');
    const reference = text('crlf.txt');
    for (const file of ['cr-only.txt', 'iso-8859-6.txt', 'windows-1256.txt', 'utf16le-no-bom.txt', 'utf16be-no-bom.txt', 'mixed-utf8-1256.txt']) {
      expect(text(file), file).toBe(reference);
      expect(archive.show(file)!.article.title, file).toBe(TITLE);
    }
    expect(text('utf8-bad-bytes.txt')).toContain('\uFFFD');
  });

  it('strips direction controls from titles but keeps passage text verbatim', () => {
    expect(archive.show('rtl-override-title.txt')!.article.title).toBe(TITLE);
    expect(archive.show('zero-width.txt')!.passages.map((p) => p.text).join(' ')).toContain('ال\u200D');
  });

  it('still answers a question, and a second run changes nothing', async () => {
    const answer = await archive.ask('متى دخلت طالبان كابول؟');
    expect(answer.answered).toBe(true);
    expect(answer.results[0]!.text).toContain('كابول');
    const again = await archive.index();
    expect(again).toMatchObject({ added: 0, updated: 0, removed: 0, articles: report.articles, passages: report.passages });
    expect(again.failed).toEqual(report.failed);
  });
});

describe('one bad file never aborts a run', () => {
  it('an unexpected error (a stack overflow) while indexing one file fails that file only', async () => {
    const dirs = tempArchive();
    writeFileSync(join(dirs.dataDir, 'overflow.txt'), `${ARTICLE}\nكلمة_تفجر_المحلل في آخر الفقرة الطويلة التي تكفي لتكون مقطعا كاملا هنا.\n`);
    const analyzer = arabicAnalyzer();
    const terms = (text: string) => {
      if (text.includes('كلمة_تفجر_المحلل')) throw new RangeError('Maximum call stack size exceeded');
      return analyzer.terms(text);
    };
    const archive = await openArchive(testConfig(dirs), silent, { analyzer: { ...analyzer, terms } });
    try {
      const report = await archive.index();
      expect(report.failed).toEqual([{ file: 'overflow.txt', reason: 'the file could not be indexed (Maximum call stack size exceeded)' }]);
      expect(report.added).toBe(5);
      expect((await archive.ask('متى دخلت طالبان كابول؟')).answered).toBe(true);
    } finally {
      archive.close();
    }
  });

  it('an upload read with repairs says so to the uploader, and is indexed', async () => {
    const dirs = tempArchive();
    const archive = await openArchive(testConfig(dirs), silent);
    try {
      const bytes = Buffer.concat([Buffer.from(ARTICLE.slice(0, 40)), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(ARTICLE.slice(40))]);
      const added = await archive.addFile('repaired.txt', bytes);
      expect(added.articles.length).toBeGreaterThan(0);
      expect(added.warnings).toEqual([expect.stringMatching(/UTF-8|byte/iu)]);
      const clean = await archive.addFile('clean.txt', Buffer.from(`${ARTICLE}\n\nفقرة أخرى تجعل الملف مختلفًا عن غيره في الأرشيف.`));
      expect(clean.warnings).toEqual([]);
    } finally {
      archive.close();
    }
  });

  it('an upload named with direction controls is saved under a name without them', async () => {
    const dirs = tempArchive();
    const archive = await openArchive(testConfig(dirs), silent);
    try {
      const added = await archive.addFile('\u202Eelif\u2066.txt', Buffer.from(ARTICLE));
      expect(added.file).toMatch(/^[^\u202A-\u202E\u2066-\u2069]+\.txt$/u);
      expect(readFileSync(join(dirs.dataDir, added.file), 'utf8')).toBe(ARTICLE);
    } finally {
      archive.close();
    }
  });
});
