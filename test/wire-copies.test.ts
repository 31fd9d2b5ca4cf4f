/**
 * Wire copies: one passage several outlets ran is one result naming every article that ran it,
 * earliest first, whether the copies are exact or near (a changed word, a trimmed tail). Real
 * indexing and search over constructed archives.
 */
import { describe, expect, it } from 'vitest';
import { constructedArchive } from './helpers.js';

const WIRE = 'أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد للأطفال في مدينة تبوك بسعة ثلاثمئة سرير، على أن يبدأ استقبال المرضى مطلع الشهر المقبل بعد اكتمال تجهيز أقسامه.';
const article = (title: string, outlet: string, date: string, body: string) => `${title}\n\n${date}\n\nالمصدر: ${outlet}\n\n${body}`;
const OTHER = 'وفي سياق آخر، واصلت فرق الدفاع المدني أعمال تنظيف الشوارع بعد السيول التي شهدتها المنطقة الأسبوع الماضي، وسط توقعات بتحسن الطقس.';
const QUESTION = 'كم سعة مستشفى الأطفال الجديد في تبوك؟';

describe('wire copies fold into one result', () => {
  it.each([
    ['exact copies', WIRE, WIRE],
    ['near copies (a changed word, a trimmed tail)', WIRE.replace('اليوم', 'أمس'), WIRE.replace(' بعد اكتمال تجهيز أقسامه.', '.')],
  ])('%s: one result, the others named earliest first; deleting one keeps the rest', async (_, second, third) => {
    const { archive, close } = await constructedArchive({
      'riyadh.txt': article('مستشفى جديد للأطفال في تبوك', 'الرياض', '2015-03-04', `${WIRE}\n\n${OTHER}`),
      'okaz.txt': article('افتتاح مستشفى للأطفال بتبوك', 'عكاظ', '2015-03-02', second),
      'madina.txt': article('تبوك: مستشفى أطفال بسعة 300 سرير', 'المدينة', '2015-03-03', third),
      'weather.txt': article('تحسن الطقس بعد السيول', 'سبق', '2015-03-05', OTHER.replace('وفي سياق آخر، ', '')),
    });
    try {
      const answer = await archive.ask(QUESTION);
      expect(answer.answered).toBe(true);
      const cited = answer.results.filter((r) => r.text.includes('تبوك'));
      expect(cited).toHaveLength(1);
      const [hit] = cited;
      const outlets = [hit!.article, ...hit!.alsoIn].map((a) => a.source).sort();
      expect(outlets).toEqual(['الرياض', 'المدينة', 'عكاظ'].sort());
      const dates = hit!.alsoIn.map((a) => a.date!);
      expect(dates).toEqual([...dates].sort());
      await archive.deleteArticle(hit!.article.file);
      const after = (await archive.ask(QUESTION)).results.filter((r) => r.text.includes('تبوك'));
      expect(after).toHaveLength(1);
      expect([after[0]!.article, ...after[0]!.alsoIn]).toHaveLength(2);
      expect([after[0]!.article, ...after[0]!.alsoIn].map((a) => a.file)).not.toContain(hit!.article.file);
    } finally {
      close();
    }
  });

  it('two different passages of one story stay two results', async () => {
    const { archive, close } = await constructedArchive({
      'riyadh.txt': article('مستشفى جديد للأطفال في تبوك', 'الرياض', '2015-03-04', WIRE),
      'okaz.txt': article('مستشفى تبوك', 'عكاظ', '2015-03-02', 'قال مدير صحة تبوك إن مستشفى الأطفال الجديد سيضم أقساما للعناية المركزة وحديثي الولادة، وسيخدم أطفال المنطقة ومحافظاتها.'),
    });
    try {
      const answer = await archive.ask('ماذا يضم مستشفى الأطفال الجديد في تبوك؟');
      expect(answer.results.length).toBe(2);
      expect(answer.results.every((r) => r.alsoIn.length === 0)).toBe(true);
    } finally {
      close();
    }
  });
});
