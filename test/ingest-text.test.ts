import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { normalizeArabic } from '../src/analysis/normalize.js';
import { terms } from '../src/analysis/terms.js';
import { findDate, parseDateLine } from '../src/ingest/dates.js';
import { decodeText } from '../src/ingest/decode.js';
import { IngestError } from '../src/ingest/errors.js';
import { INGEST_LIMITS } from '../src/ingest/limits.js';
import { toPassages } from '../src/ingest/passages.js';
import { readArticleFile } from '../src/ingest/read-article-file.js';
import { parseArticles } from '../src/ingest/article-parser.js';
import { wordCount } from '../src/ingest/sentences.js';

const ARTICLE = 'عنوان الخبر عن أفغانستان\n\nقال وزير الخارجية الروسي سيرغي لافروف إن الوضع في أفغانستان يتطلب حلا سياسيا عاجلا وشاملا.\n\nوأضاف أن موسكو ستواصل الاتصالات مع جميع الأطراف الأفغانية من أجل الاستقرار في المنطقة.';

describe('decoding', () => {
  it('reads UTF-8, UTF-8 with BOM and UTF-16LE', () => {
    expect(decodeText(Buffer.from(ARTICLE)).text).toBe(ARTICLE);
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ARTICLE)])).text).toBe(ARTICLE);
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ARTICLE, 'utf16le')])).text).toBe(ARTICLE);
  });

  it('detects Windows-1256, even for a short text', () => {
    const decoded = decodeText(iconv.encode(ARTICLE, 'win1256'));
    expect(decoded.encoding).toBe('windows-1256');
    expect(decoded.text).toBe(ARTICLE);
    expect(decodeText(iconv.encode('لافروف يقول', 'win1256')).text).toBe('لافروف يقول');
  });

  it('refuses empty and binary files with a clear reason', () => {
    expect(() => decodeText(new Uint8Array())).toThrow(/empty file/);
    expect(() => decodeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toThrow(/binary/);
    expect(() => decodeText(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0]))).toThrow(IngestError);
  });
});

describe('reading files', () => {
  it('refuses wrong types, oversize files and files with no article text', () => {
    expect(() => readArticleFile('a.pdf', Buffer.from(ARTICLE), 1e6)).toThrow(/unsupported file type/);
    expect(() => readArticleFile('a.txt', Buffer.from(ARTICLE), 100)).toThrow(/too large/);
    expect(() => readArticleFile('a.txt', Buffer.from('   \n\n  \n'), 1e6)).toThrow(/no readable text/);
    expect(() => readArticleFile('a.txt', Buffer.from('اترك تعليقاً\n\nزر الذهاب إلى الأعلى'), 1e6)).toThrow(IngestError);
  });

  it('extracts the body of hostile HTML with a real parser: no script, no markup, entities decoded', () => {
    const html = `<html><head><title>t</title><meta property="og:site_name" content="الجزيرة">
      <meta property="article:published_time" content="2024-03-05T10:00:00Z"><script>alert("x")</script><style>p{}</style></head>
      <body><nav>Ru En</nav><article><h1>عنوان &amp; &lt;الخبر&gt;</h1>
      <p>قال وزير الخارجية الروسي <b>سيرغي</b> لافروف إن الوضع في أفغانستان يتطلب حلا <img src=x onerror=alert(1)>سياسيا عاجلا وشاملا.</p>
      <p>وأضاف أن <script>evil()</script>موسكو ستواصل الاتصالات مع جميع الأطراف الأفغانية من أجل الاستقرار.<!-- <p>hidden</p> --></p>
      <div class="share">شارك</div><form>اترك تعليقاً<textarea></textarea></form></article><footer>©</footer></body></html>`;
    const [a] = readArticleFile('page.html', Buffer.from(html), 1e6);
    expect(a).toMatchObject({ title: 'عنوان & <الخبر>', source: 'الجزيرة', date: '2024-03-05' });
    const body = a!.paragraphs.join('\n');
    expect(body).toContain('سيرغي لافروف');
    expect(body).not.toMatch(/alert|evil|hidden|<|شارك|اترك|Ru En|©/);
  });

  it('reads Markdown: headings and links become plain text', () => {
    const md = `# عنوان الخبر\n\n${ARTICLE.split('\n\n').slice(1).join('\n\n')} [المصدر](http://x.example)\n`;
    const [a] = readArticleFile('a.md', Buffer.from(md), 1e6);
    expect(a!.title).toBe('عنوان الخبر');
    expect(a!.paragraphs.join(' ')).not.toMatch(/http|\[|#/);
  });
});

describe('dates', () => {
  it.each([
    ['١٣ أكتوبر ٢٠٢١', '2021-10-13'],
    ['02 يوليو 2021ء', '2021-07-02'],
    ['20-2-2018 | 16:05', '2018-02-20'],
    ['السبت 5 اكتوبر 2024', '2024-10-05'],
    ['15 أغسطس/ آب 2021', '2021-08-15'],
    ['3 تشرين الأول 2020', '2020-10-03'],
    ['2021-07-02', '2021-07-02'],
  ])('%s → %s', (line, iso) => expect(parseDateLine(line)).toBe(iso));

  it('rejects impossible dates and sentences that merely contain a date', () => {
    expect(parseDateLine('31-2-2018')).toBeNull();
    expect(parseDateLine('قال لافروف في 5 اكتوبر 2024 إن')).toBeNull();
    expect(findDate('قال لافروف في 5 اكتوبر 2024 إن')).toBe('2024-10-05');
  });
});

describe('normalisation and terms', () => {
  it('folds hamza/alef forms, ى, ة, diacritics, tatweel and Arabic-Indic digits', () => {
    expect(normalizeArabic('أإآٱ')).toBe('اااا');
    expect(normalizeArabic('مُنَظَّمَةُ')).toBe('منظمه');
    expect(normalizeArabic('علـــى')).toBe('علي');
    expect(normalizeArabic('٢٠٢١ ۱۵')).toBe('2021 15');
  });

  it('matches questions written with or without diacritics, hamza and taa marbuta', () => {
    const plain = terms('منظمة معاهدة الأمن الجماعي في آسيا الوسطى');
    expect(terms('مُنَظَّمَةُ مُعَاهَدَةِ الأَمْنِ الجَمَاعِيِّ في آسِيا الوُسْطَى')).toEqual(plain);
    expect(terms('منظمه معاهده الامن الجماعي في اسيا الوسطي')).toEqual(plain);
  });

  it('stems clitics and drops stop words and dialect question words', () => {
    expect(terms('القوات')).toEqual(terms('قوات'));
    expect(terms('والمفاوضات')).toEqual(terms('المفاوضات'));
    expect(terms('شو قال لافروف عن داعش؟')).toEqual(terms('لافروف داعش'));
    expect(terms('What did Lavrov say about the Taliban?')).toEqual(['lavrov', 'taliban']);
  });
});

describe('passages', () => {
  it('merges short paragraphs, splits long ones at sentence ends, hashes content, keeps text verbatim', () => {
    const sentence = 'وقال لافروف إن روسيا ستواصل العمل مع الشركاء في المنطقة من أجل الاستقرار والأمن.';
    const long = Array.from({ length: 20 }, () => sentence).join(' ');
    const passages = toPassages(['واشنطن وطشقند', long, 'فقرة قصيرة.']);
    expect(passages[0]!.text.startsWith('واشنطن وطشقند\n')).toBe(true);
    for (const p of passages) {
      expect(wordCount(p.text)).toBeGreaterThanOrEqual(INGEST_LIMITS.passage.minWords);
      expect(wordCount(p.text)).toBeLessThanOrEqual(INGEST_LIMITS.passage.maxWords);
      expect(p.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(passages.map((p) => p.position)).toEqual(passages.map((_, i) => i));
    expect(passages.map((p) => p.text).join(' ').replace(/\s+/g, ' ')).toBe(`واشنطن وطشقند ${long} فقرة قصيرة.`);
    expect(new Set(passages.map((p) => p.hash)).size).toBe(passages.length);
  });
});

describe('the end of an article', () => {
  const lead = 'قال المتحدث باسم الدفاع المدني إن فرق الإنقاذ عملت طوال الليل في الموقع لانتشال العالقين تحت الأنقاض.';
  const closing = (last: string) => parseArticles(`عنوان الخبر\n\n${lead}\n\n${last}`, 'a.txt')[0]!.paragraphs;
  it.each([
    ['a short closing sentence', 'وبلغ عدد الضحايا 12 شخصا.', true],
    ['a short closing question', 'فهل تنجح الهدنة هذه المرة؟', true],
    ['a closing sentence in quotes', 'وقال: "لن نتوقف حتى ننقذ الجميع."', true],
    ['the site’s name', 'صحيفة الرؤية الإلكترونية', false],
    ['a credit line', 'تحرير محمد علي', false],
  ])('%s: kept %s', (_, last, kept) => {
    expect(closing(last).includes(last)).toBe(kept);
    expect(closing(last)[0]).toBe(lead);
  });
});
