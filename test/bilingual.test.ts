/**
 * English questions in lexical mode, read in Arabic words through an English–Arabic dictionary
 * (analysis/bilingual.ts): the dictd format (freedict.ts), names spelled as the archive spells them
 * (transliteration.ts), and answers on real indexes, with a dictionary written here and with
 * Debian's FreeDict where it is installed.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDictionary, parseFreedict } from '../src/analysis/freedict.js';
import { nameSpellings } from '../src/analysis/transliteration.js';
import { openArchive, type Archive } from '../src/archive/archive.js';
import { constructedArchive, tempArchive, testConfig } from './helpers.js';

/** A few entries in FreeDict's dictd layout: headword and IPA, then senses (numbered when several). */
const FREEDICT = [
  '00-database-info',
  'English-Arabic FreeDict Dictionary',
  'Troops /tɹˈuːps/',
  'القوات',
  'Withdrawal /wɪθdɹˈɔːl/',
  '1. الانسحاب',
  '2. السحب',
  'Kabul /kˈɑːbʊl/',
  'كابول - عاصمة واكبر مدينة في أفغانستان',
  'Abaisance /ɐbˈeɪsəns/',
  'الإنحناء تعبيراً عن الإحترام',
  'Trump /tɹˈʌmp/',
  'البوق',
  'Port /pˈɔːt/',
  'الميناء',
  'Open /ˈəʊpən/',
  'افتتح',
  'Plan /plˈan/',
  'خطة',
  'U.S',
  'Mackintosh',
  'معطف واق من المطر',
  'Return /ɹɪtˈɜːn/',
  'عودة',
].join('\n');

/** A dictionary written as Debian installs it (`NAME.dict.dz`), from `bytes`; its dictd base name. */
function dictionaryFile(bytes: Buffer = gzipSync(FREEDICT)): string {
  const base = join(mkdtempSync(join(tmpdir(), 'sanad-dict-')), 'eng-ara');
  writeFileSync(`${base}.dict.dz`, bytes);
  return base;
}

describe('the English–Arabic dictionary', () => {
  it('keeps each headword\'s first short sense, without numbering or gloss', () => {
    const senses = parseFreedict(FREEDICT);
    expect(senses.get('withdrawal')).toBe('الانسحاب');
    expect(senses.get('kabul')).toBe('كابول');
    expect(senses.get('troops')).toBe('القوات');
    // A definition is no word to match.
    expect(senses.has('abaisance')).toBe(false);
    expect(senses.has('00-database-info')).toBe(false);
    // A headword without phonetics ends the entry before it: its long sense is no sense of "Plan".
    expect(senses.get('plan')).toBe('خطة');
    expect(senses.has('mackintosh')).toBe(false);
    expect(senses.get('return')).toBe('عودة');
  });

  it('is read from dictd files, plain or compressed, and says in one line when there is none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sanad-dict-'));
    writeFileSync(join(dir, 'plain.dict'), FREEDICT);
    writeFileSync(join(dir, 'packed.dict.dz'), gzipSync(FREEDICT));
    for (const name of ['plain', 'packed']) {
      const opened = openDictionary(join(dir, name));
      expect('load' in opened && opened.load().get('troops')).toBe('القوات');
    }
    // A damaged file reads as an empty dictionary, once, not an error at every question.
    const damaged = openDictionary(dictionaryFile(Buffer.from('not gzip at all')));
    expect('load' in damaged && damaged.load().size).toBe(0);
    const missing = openDictionary(join(dir, 'absent'));
    expect('reason' in missing && missing.reason).toMatch(/no English–Arabic dictionary at .*absent\.dict\.dz \(apt-get install dict-freedict-eng-ara\)$/u);
  });

  it('spells a foreign name as Arabic news may, most written vowels first', () => {
    const spellings = (name: string) => nameSpellings(name).map((s) => s.arabic);
    const names: [string, string][] = [
      ['Lavrov', 'لافروف'],
      ['Taliban', 'طالبان'],
      ['Bagram', 'باغرام'],
      ['Peskov', 'بيسكوف'],
      ['Starmer', 'ستارمر'],
      ['Washington', 'واشنطن'],
      ['Ashraf', 'اشرف'],
      ['Gaza', 'غزة'],
      ['Trump', 'ترامب'],
    ];
    for (const [name, arabic] of names) expect(spellings(name)).toContain(arabic);
    const taliban = nameSpellings('Taliban');
    expect(taliban.find((s) => s.arabic === 'طالبان')!.vowels).toBeGreaterThan(taliban.find((s) => s.arabic === 'طلبن')!.vowels);
    expect(taliban[0]!.vowels).toBe(Math.max(...taliban.map((s) => s.vowels)));
    // Bounded: what a hostile question's made-up names can cost.
    expect(nameSpellings('Sthaktiskadthuge').length).toBe(0);
    expect(nameSpellings('Tashkudasetsa').length).toBeLessThanOrEqual(128);
  });
});

describe('an English question in lexical mode (real index)', () => {
  const article = (title: string, body: string) => [title, '', body].join('\n\n');
  const files = {
    'kabul.txt': article('أفغانستان', 'دخل مقاتلو طالبان العاصمة كابول بعد انسحاب القوات الأجنبية من البلاد.'),
    'port.txt': article('ميناء', 'افتتح الرئيس ترامب الميناء الجديد على الساحل الشرقي، وقال إن خطة التوسعة ستكتمل العام المقبل.'),
    'request.txt': article('طلب', 'قدمت الحكومة طلبا رسميا إلى البنك الدولي للحصول على قرض جديد، وطلب الوزير تسريع الرد على الطلب.'),
    'harbour.txt': article('ميناء آخر', 'افتتح المحافظ الميناء الغربي، وقال إن خطة التوسعة ستكتمل الشهر المقبل.'),
    'lavrov.txt': article('لافروف', 'قال وزير الخارجية الروسي سيرغي لافروف إن بلاده مستعدة للحوار مع الجميع.'),
  };
  let withDictionary: Awaited<ReturnType<typeof constructedArchive>>;
  let without: Awaited<ReturnType<typeof constructedArchive>>;

  beforeAll(async () => {
    withDictionary = await constructedArchive(files, { BILINGUAL_DICTIONARY: dictionaryFile() });
    without = await constructedArchive(files);
  });
  afterAll(() => {
    withDictionary.close();
    without.close();
  });

  it('is answered from the Arabic passage once its words are read in Arabic', async () => {
    const question = 'Did the Taliban enter Kabul after the withdrawal of the troops?';
    const answer = await withDictionary.archive.ask(question);
    expect(answer.answered).toBe(true);
    expect(answer.results[0]!.text).toContain('دخل مقاتلو طالبان العاصمة كابول');
    // Read in Arabic words, it is answered as an Arabic question: every word met, none named as missing.
    expect(answer.unmatched).toEqual([]);
    expect((await without.archive.ask(question)).answered).toBe(false);
  });

  it('reads a name as the archive spells it, not as the dictionary translates the word', async () => {
    // "Trump" is البوق "trumpet" in the dictionary, ترامب in the archive: it tells the two ports apart.
    const answer = await withDictionary.archive.ask('When will the port Trump opened be finished, according to his plan?');
    expect(answer.results[0]!.text).toContain('افتتح الرئيس ترامب');
    // A name the dictionary lacks, found by its Arabic spellings.
    const lavrov = await withDictionary.archive.ask('Is Lavrov ready for dialogue?');
    expect(lavrov.results[0]?.text ?? '').toContain('سيرغي لافروف');
  });

  it('is read on the bot\'s reader threads too, which open the dictionary themselves', async () => {
    const dirs = tempArchive();
    writeFileSync(join(dirs.dataDir, 'kabul.txt'), files['kabul.txt']);
    const bot = await openArchive(testConfig(dirs, { BILINGUAL_DICTIONARY: dictionaryFile() }), pino({ level: 'silent' }), { offThread: true });
    try {
      await bot.index();
      const answer = await bot.ask('Did the Taliban enter Kabul after the withdrawal of the troops?');
      expect(answer.results[0]!.text).toContain('دخل مقاتلو طالبان العاصمة كابول');
    } finally {
      bot.close();
    }
  });

  it('prefers the spelling that writes the name\'s vowels: Taliban is طالبان, not طلب "request"', async () => {
    // طالبان is indexed as طالب; طلبان would be indexed as طلب, which the archive holds more often.
    const answer = await withDictionary.archive.ask('What did the Taliban do?');
    expect(answer.results[0]!.text).toContain('طالبان');
    expect(answer.results.every((r) => !r.text.includes('البنك الدولي'))).toBe(true);
  });

  it('counts a name it cannot read against the passages, as the archive lacks it', async () => {
    // Gaza and Hamas are neither in the archive nor in this dictionary: they weigh against Lavrov's
    // passage: its score falls below that of the same question without them.
    const both = await withDictionary.archive.ask('What did Lavrov say about Gaza and Hamas?');
    const lavrov = await withDictionary.archive.ask('What did Lavrov say?');
    expect(both.answered ? both.results[0]!.score : 0).toBeLessThan(lavrov.results[0]!.score);
    expect(lavrov.answered).toBe(true);
    // With one such name the passage may still be cited, and the answer says what it lacks.
    const gaza = await withDictionary.archive.ask('What did Lavrov say about Gaza?');
    expect(gaza.results[0]!.text).toContain('سيرغي لافروف');
    expect(gaza.unmatched).toEqual(['Gaza']);
  });
});

const FREEDICT_FILE = '/usr/share/dictd/freedict-eng-ara.dict.dz';

describe.skipIf(!existsSync(FREEDICT_FILE))(
  `with Debian's FreeDict (dict-freedict-eng-ara), on the seed archive${existsSync(FREEDICT_FILE) ? '' : ' (skipped: not installed; apt-get install dict-freedict-eng-ara)'}`,
  () => {
  let archive: Archive;
  beforeAll(async () => {
    archive = await openArchive(testConfig(tempArchive(), { BILINGUAL_DICTIONARY: FREEDICT_FILE.replace(/\.dict\.dz$/u, '') }), pino({ level: 'silent' }));
    await archive.index();
  });
  afterAll(() => archive.close());

  it('answers an English question with the passage that answers it', async () => {
    const answer = await archive.ask('When did the Taliban enter Kabul?');
    expect(answer.results[0]!.text).toContain('دخل المتطرفون العاصمة كابول');
  });
});
