import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readArticleFile } from '../src/ingest/read-article-file.js';
import { toPassages } from '../src/ingest/passages.js';
import { SEED_DIR } from './helpers.js';

const parse = (file: string) => readArticleFile(file, readFileSync(join(SEED_DIR, file)), 10_000_000);

describe('seed articles: extracted metadata', () => {
  it('000: section, title, outlet from "المصدر :", no date on the page', () => {
    const [a, ...rest] = parse('000_2f97a4cd25084954.txt');
    expect(rest).toHaveLength(0);
    expect(a).toMatchObject({
      title: 'لافروف: الانسحاب الأمريكي من أفغانستان كان هزيمة',
      section: 'عالمي',
      source: 'وكالة ايسنا للأنباء',
      date: null,
    });
  });

  it('001: Arabic-Indic date, "Ru En" switcher dropped, outlet from "المصدر:"', () => {
    const [a] = parse('001_5342da39c5f54c5f.txt');
    expect(a).toMatchObject({
      title: 'لافروف: من الضروري قطع قنوات إمداد الإرهابيين بالمنتجات العسكرية في أفغانستان',
      date: '2021-10-13',
      source: 'تاس',
    });
    expect(a!.paragraphs.join('\n')).not.toMatch(/Ru En|الصورة:|مجموعة الرؤية/);
  });

  it('002: repeated headline kept once, outlet and date from the "( … / سبوتنيك - 02 يوليو 2021ء)" dateline', () => {
    const [a] = parse('002_311d5706b071db88.txt');
    expect(a).toMatchObject({ date: '2021-07-02', source: 'سبوتنيك' });
    expect(a!.title).toBe('روسيا تتشاور مع منظمة معاهدة الأمن الجماعي حول تكثيف نشاط داعش في شمال أفغانستان - لافروف');
    expect(a!.paragraphs[0]).toMatch(/^أعلن وزير الخارجية الروسي/);
    expect(a!.paragraphs.join('\n')).not.toContain(a!.title);
    expect(a!.paragraphs.join('\n')).not.toMatch(/\(تستمر\)|أفكارك وتعليقاتك/);
  });

  it('003: two articles; the second (Kremlin warns Britain) is its own, with its own title', () => {
    const [first, second, ...rest] = parse('003_1f1856e168336150.txt');
    expect(rest).toHaveLength(0);
    expect(first!.source).toBe('الجزيرة');
    expect(first!.title).toMatch(/^حذر وزير الخارجية الروسي سيرغي لافروف/);
    expect(first!.paragraphs.join('\n')).not.toMatch(/أوكرانيا|الكرملين|إقرأ أيضاً/);
    expect(second).toMatchObject({ part: 1, title: 'روسيا تحذر بريطانيا من إرسال قوات إلى أوكرانيا', source: 'يمانيون' });
    expect(second!.paragraphs[0]).toMatch(/^حذر الكرملين/);
    expect(second!.paragraphs.join('\n')).not.toMatch(/مقالات مشابهة|مركز الملك سلمان|•/);
  });

  it('004: the crawl stamp above the headline is not the article date', () => {
    const [a] = parse('004_50136c7af15aecd1.txt');
    expect(a).toMatchObject({ title: 'لافروف يدعو لتفعيل جهود منع «داعش» للتسلل إلى آسيا الوسطى وروسيا', date: '2018-02-20' });
    expect(a!.paragraphs.join('\n')).not.toMatch(/الاكثر قراءة|السبت 5 اكتوبر 2024/);
  });
});

describe('boilerplate never reaches a passage', () => {
  const furniture = [
    'اترك تعليقاً', 'لن يتم نشر عنوان بريدك', 'زر الذهاب إلى الأعلى', 'الاكثر قراءة', 'مقالات مشابهة',
    '(تستمر)', 'Ru En', 'أفكارك وتعليقاتك', 'نهاية الرسالة', 'المصدر', 'إقرأ أيضاً',
  ];
  for (const file of readdirSync(SEED_DIR)) {
    it(file, () => {
      const passages = parse(file).flatMap((a) => toPassages(a.paragraphs));
      expect(passages.length).toBeGreaterThan(3);
      for (const p of passages) for (const f of furniture) expect(p.text).not.toContain(f);
    });
  }
});
