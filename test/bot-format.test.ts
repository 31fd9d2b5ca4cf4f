import { describe, expect, it } from 'vitest';
import type { UserFromGetMe, Message } from 'grammy/types';
import type { AnswerResult } from '../src/types.js';
import type { ArchiveStats, ArticleInfo } from '../src/archive/archive.js';
import {
  clipEnd,
  clipStart,
  emphasise,
  escapeHtml,
  formatAnswerPage,
  formatArticle,
  formatBytes,
  formatCitation,
  formatDuration,
  formatInlineResults,
  formatParagraph,
  formatSourcesPage,
  FSI,
  isolate,
  isolateLatinRuns,
  MESSAGE_LIMIT,
  PDI,
  stripBidi,
} from '../src/bot/format.js';
import {
  articleCallback,
  byteLength,
  CALLBACK_DATA_MAX_BYTES,
  decodeCallback,
  encodeCallback,
} from '../src/bot/callback-data.js';
import { langFromCode, langOfText, messages } from '../src/bot/i18n.js';
import { AnswerCache } from '../src/bot/answer-cache.js';
import { questionOf } from '../src/bot/addressing.js';
import { describeError, redact } from '../src/bot/redact.js';
import { splitMessage } from '../src/bot/split-message.js';
import { parseHtml } from './support/telegram-rules.js';

const ar = messages.ar;
const en = messages.en;

const PASSAGE =
  'كما قال لافروف في جزء آخر من خطابه إن على منظمة معاهدة الأمن الجماعي (CSTO) التحقيق في أي هجوم على طاجيكستان ' +
  'من الأراضي الأفغانية في أقرب وقت ممكن. وقال "إذا كان هناك هجوم على باكستان، فسيتم التحقيق فيه على الفور".';
const EXCERPT = 'على منظمة معاهدة الأمن الجماعي (CSTO) التحقيق في أي هجوم على طاجيكستان';

function result(i: number, over: Partial<AnswerResult> = {}, article: Partial<AnswerResult['article']> = {}): AnswerResult {
  return {
    rank: i + 1,
    score: 1 - i / 10,
    text: PASSAGE,
    excerpt: EXCERPT,
    position: i,
    article: {
      id: `a${i}-2f97a4cd25084954`,
      title: 'لافروف: الانسحاب الأمريكي من أفغانستان كان هزيمة <&>',
      source: 'Sputnik & Co',
      date: '2021-10-13',
      file: `00${i}.txt`,
      ...article,
    },
    alsoIn: [],
    ...over,
  };
}

/** Parse as Telegram would; throws on invalid HTML. */
const visible = (html: string) => parseHtml(html).text;

describe('escapeHtml', () => {
  it('escapes exactly & < > "', () => {
    expect(escapeHtml('<b>&"\'')).toBe('&lt;b&gt;&amp;&quot;\'');
    expect(escapeHtml('سؤال عادي')).toBe('سؤال عادي');
    expect(visible(escapeHtml('a <b>&"</b> &amp;'))).toBe('a <b>&"</b> &amp;');
  });
});

describe('bidi isolation', () => {
  it('wraps a field in FSI … PDI', () => {
    expect(isolate('Sputnik')).toBe(`${FSI}Sputnik${PDI}`);
    expect(isolate('')).toBe('');
  });

  it('isolates Latin and digit runs inside Arabic text, leaving brackets outside', () => {
    const out = isolateLatinRuns('قال لافروف (CSTO) في 2021-10-13 إن COVID-19 انتشر بنسبة 50%.');
    expect(out).toContain(`(${FSI}CSTO${PDI})`);
    expect(out).toContain(`${FSI}2021-10-13${PDI}`);
    expect(out).toContain(`${FSI}COVID-19${PDI}`);
    expect(out).toContain(`${FSI}50%${PDI}`);
    expect(stripBidi(out)).toBe('قال لافروف (CSTO) في 2021-10-13 إن COVID-19 انتشر بنسبة 50%.');
  });

  it('keeps a multi-word Latin name in one isolate', () => {
    expect(isolateLatinRuns('صرّح وزير الخارجية Sergei Lavrov اليوم')).toBe(`صرّح وزير الخارجية ${FSI}Sergei Lavrov${PDI} اليوم`);
  });

  it('leaves Latin-dominant text alone', () => {
    const text = 'Lavrov said (CSTO) on 2021-10-13 — لافروف';
    expect(isolateLatinRuns(text)).toBe(text);
  });
});

describe('language choice', () => {
  it('uses the Telegram language for the interface', () => {
    expect(langFromCode('ar')).toBe('ar');
    expect(langFromCode('ar-EG')).toBe('ar');
    expect(langFromCode('en')).toBe('en');
    expect(langFromCode('fr')).toBe('en');
    expect(langFromCode(undefined)).toBe('en');
  });

  it('uses the script of a question for its answer', () => {
    expect(langOfText('ماذا قال لافروف عن أفغانستان؟')).toBe('ar');
    expect(langOfText('What did Lavrov say about Afghanistan?')).toBe('en');
    expect(langOfText('ماذا قالت NATO؟')).toBe('ar');
    expect(langOfText('What is منظمة?')).toBe('en');
    expect(langOfText('2021?')).toBeUndefined();
  });
});

describe('clipping', () => {
  it('clips at word boundaries with an ellipsis', () => {
    expect(clipEnd('one two three four', 12)).toBe('one two…');
    expect(clipStart('one two three four', 12)).toBe('…three four');
    expect(clipEnd('short', 10)).toBe('short');
  });

  it('never splits a surrogate pair', () => {
    const emoji = '😀'.repeat(20);
    for (let n = 2; n < 20; n++) {
      expect(clipEnd(emoji, n)).not.toMatch(/[\uD800-\uDBFF]…$/);
      expect(clipStart(emoji, n)).not.toMatch(/^…[\uDC00-\uDFFF]/);
    }
  });
});

describe('citations and passages', () => {
  it('isolates and escapes each citation field', () => {
    const c = formatCitation(result(0).article, ar);
    expect(c).toContain(`${FSI}Sputnik &amp; Co${PDI}`);
    expect(c).toContain(`${FSI}2021-10-13${PDI}`);
    expect(c).toContain('&lt;&amp;&gt;');
    expect(c.startsWith('\u200f')).toBe(true);
    expect(visible(c)).toContain('Sputnik & Co');
  });

  it('names a missing outlet or date in the reply language', () => {
    expect(formatCitation({ title: 't', source: null, date: null }, en)).toContain('unknown outlet');
    expect(formatCitation({ title: 't', source: null, date: null }, ar)).toContain('بلا تاريخ');
  });

  it('puts the excerpt in bold inside its passage, verbatim apart from invisible isolates', () => {
    const html = emphasise(PASSAGE, EXCERPT, { maxExcerpt: 1000, context: 1000 });
    const parsed = parseHtml(html);
    expect(stripBidi(parsed.text)).toBe(PASSAGE);
    const bold = parsed.entities.find((e) => e.type === 'bold')!;
    expect(stripBidi(parsed.text.slice(bold.offset, bold.offset + bold.length))).toBe(EXCERPT);
  });

  it('trims context around the excerpt', () => {
    const html = emphasise(PASSAGE, EXCERPT, { maxExcerpt: 1000, context: 20 });
    const text = stripBidi(visible(html));
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text).toContain(EXCERPT);
    expect(text.length).toBeLessThan(EXCERPT.length + 50);
  });

  it('shows the excerpt alone when it is not found in the passage', () => {
    const html = emphasise('نص آخر', 'مقتطف <x>', { maxExcerpt: 100, context: 50 });
    expect(stripBidi(html)).toBe('<b>مقتطف &lt;x&gt;</b>');
  });

  it('formats a full paragraph with number and citation', () => {
    const html = formatParagraph(result(1), 2, en);
    expect(visible(html)).toMatch(/^2\. /);
    expect(visible(html)).toContain('📰');
  });
});

describe('answer pages', () => {
  const results = Array.from({ length: 9 }, (_, i) => result(i));
  const question = 'ماذا قال لافروف عن <b>&"منظمة</b>؟';

  it('shows three numbered results with citations, escaped, in valid HTML', () => {
    const page = formatAnswerPage({ id: 'AbCd_-12', question, results, unmatched: [] }, 0, ar);
    const text = stripBidi(visible(page.text));
    expect(text).toContain('<b>&"منظمة</b>');
    expect(text).toMatch(/1\. /);
    expect(text).toMatch(/3\. /);
    expect(text).not.toMatch(/4\. /);
    expect(text.match(/📰/g)).toHaveLength(3);
  });

  it('names, under the results, the question words none of them holds', () => {
    const page = formatAnswerPage({ id: 'id', question, results, unmatched: ['الهجرة', '<script>'] }, 0, ar);
    const text = stripBidi(visible(page.text));
    expect(text.trimEnd().split('\n').at(-1)).toBe(`🔍 لم يرد في هذه المقاطع: الهجرة، <script>`);
    expect(() => parseHtml(page.text)).not.toThrow();
    const many = Array.from({ length: 12 }, (_, i) => `كلمة${i}`);
    expect(stripBidi(visible(formatAnswerPage({ id: 'id', question, results, unmatched: many }, 0, en).text))).toContain('كلمة7 and 4 more');
    expect(formatAnswerPage({ id: 'id', question, results, unmatched: [] }, 0, en).text).not.toContain('🔍 Not in');
  });

  it('says, last, how many passages only their words could reach while the archive is embedded', () => {
    const page = formatAnswerPage({ id: 'id', question, results, unmatched: ['الهجرة'], unembedded: 12345 }, 0, en);
    const last = stripBidi(visible(page.text)).trimEnd().split('\n').at(-1);
    expect(last).toBe('⏳ 12,345 passages are not embedded yet (a re-index embeds them): they were matched by their words only, not by meaning.');
    expect(stripBidi(visible(formatAnswerPage({ id: 'id', question, results, unmatched: [], unembedded: 7 }, 0, ar).text))).toContain('⏳ 7 من المقاطع لم تُضمَّن بعد');
    expect(formatAnswerPage({ id: 'id', question, results, unmatched: [] }, 0, en).text).not.toContain('⏳');
  });

  it('has paragraph/article buttons per result and a More button', () => {
    const page = formatAnswerPage({ id: 'AbCd_-12', question, results, unmatched: [] }, 0, ar);
    const rows = page.reply_markup!.inline_keyboard;
    expect(rows).toHaveLength(4);
    expect(rows[0]!.map((b) => ('callback_data' in b ? b.callback_data : ''))).toEqual(['x:AbCd_-12:0', 'a:a0-2f97a4cd25084954']);
    expect(rows[3]).toEqual([{ text: ar.moreResults, callback_data: 'p:AbCd_-12:1' }]);
  });

  it('pages through the results with previous/more', () => {
    const middle = formatAnswerPage({ id: 'id', question, results, unmatched: [] }, 1, en);
    expect(visible(middle.text)).toMatch(/4\. [\s\S]*6\. /);
    expect(middle.reply_markup!.inline_keyboard.at(-1)!.map((b) => ('callback_data' in b ? b.callback_data : ''))).toEqual([
      'p:id:0',
      'p:id:2',
    ]);
    const last = formatAnswerPage({ id: 'id', question, results, unmatched: [] }, 2, en);
    expect(last.reply_markup!.inline_keyboard.at(-1)!.map((b) => b.text)).toEqual([en.previous]);
    // A page past the end shows the last page rather than nothing.
    expect(formatAnswerPage({ id: 'id', question, results, unmatched: [] }, 99, en).text).toBe(last.text);
  });

  it('always fits one message, even for huge passages and escape-heavy text', () => {
    const huge = Array.from({ length: 9 }, (_, i) =>
      result(i, { text: '&<>"'.repeat(3000) + EXCERPT + ' كلمة'.repeat(2000), excerpt: EXCERPT + ' &&&&'.repeat(400) }),
    );
    for (const page of [0, 1, 2]) {
      const unmatched = Array.from({ length: 50 }, () => '&<>'.repeat(300));
      const html = formatAnswerPage({ id: 'id', question: question.repeat(50), results: huge, unmatched }, page, ar).text;
      expect(html.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(() => parseHtml(html)).not.toThrow();
    }
  });

  it('keeps every callback_data within 64 bytes, even for long Arabic article ids', () => {
    const arabicId = 'مقال-'.repeat(12); // 60 characters, 110 bytes
    const results2 = Array.from({ length: 9 }, (_, i) => result(i, {}, { id: arabicId + i }));
    for (const page of [0, 1, 2]) {
      const rendered = formatAnswerPage({ id: 'ZZZZZZZZ', question, results: results2, unmatched: [] }, page, ar);
      for (const button of rendered.reply_markup!.inline_keyboard.flat()) {
        const data = 'callback_data' in button ? button.callback_data : '';
        expect(byteLength(data)).toBeLessThanOrEqual(CALLBACK_DATA_MAX_BYTES);
        expect(decodeCallback(data)).not.toBeNull();
      }
    }
  });
});

describe('callback data', () => {
  it('round-trips every action', () => {
    const actions = [
      { kind: 'page', id: 'AbCd_-12', page: 2 },
      { kind: 'paragraph', id: 'AbCd_-12', index: 8 },
      { kind: 'article', articleId: 'لافروف:2f97' },
      { kind: 'articleOf', id: 'AbCd_-12', index: 3 },
      { kind: 'sources', page: 12 },
    ] as const;
    for (const action of actions) expect(decodeCallback(encodeCallback(action))).toEqual(action);
  });

  it('uses the article id when it fits, the cache otherwise', () => {
    expect(articleCallback('2f97a4cd25084954', 'id', 1)).toBe('a:2f97a4cd25084954');
    const arabic31 = 'ب'.repeat(31); // 62 bytes: 'a:' + 62 = 64 bytes, fits exactly
    expect(articleCallback(arabic31, 'id', 1)).toBe(`a:${arabic31}`);
    expect(byteLength(`a:${arabic31}`)).toBe(64);
    expect(articleCallback('ب'.repeat(32), 'id', 1)).toBe('A:id:1');
  });

  it('refuses data over 64 bytes and rejects foreign data', () => {
    expect(() => encodeCallback({ kind: 'article', articleId: 'ب'.repeat(40) })).toThrow(RangeError);
    for (const bad of ['', 'p', 'p:', 'p:id', 'p:id:x', 'p:id:1:2', 'q:id:1', 'x:i d:1', 's:-1', 'a:']) {
      expect(decodeCallback(bad)).toBeNull();
    }
  });
});

describe('inline results', () => {
  it('gives unique short ids, titles, and valid message texts', () => {
    const list = Array.from({ length: 12 }, (_, i) => result(i % 4, { position: i }));
    const out = formatInlineResults(list, ar);
    expect(out).toHaveLength(10);
    expect(new Set(out.map((r) => r.id)).size).toBe(10);
    for (const r of out) {
      expect(byteLength(r.id)).toBeLessThanOrEqual(64);
      expect(r.title.length).toBeGreaterThan(0);
      const content = r.input_message_content as { message_text: string; parse_mode: string };
      expect(content.parse_mode).toBe('HTML');
      expect(content.message_text.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(stripBidi(visible(content.message_text))).toContain(EXCERPT);
    }
  });

  it('clips a huge excerpt to one message', () => {
    const [r] = formatInlineResults([result(0, { excerpt: '&'.repeat(5000) })], en);
    const text = (r!.input_message_content as { message_text: string }).message_text;
    expect(text.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
    expect(() => parseHtml(text)).not.toThrow();
  });
});

describe('articles and lists', () => {
  const info = (i: number): ArticleInfo => ({
    id: `id${i}`,
    title: `عنوان <${i}>`,
    source: i % 2 ? 'RT Arabic' : null,
    date: i % 3 ? '2021-07-02' : null,
    section: null,
    file: `${i}.txt`,
    passages: 3,
  });

  it('splits a long article into valid messages', () => {
    const detail = { article: info(1), passages: Array.from({ length: 80 }, (_, i) => ({ position: i, text: `${i} ${PASSAGE} & <x>` })) };
    const chunks = splitMessage(formatArticle(detail, ar));
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      expect(() => parseHtml(c)).not.toThrow();
    }
    expect(stripBidi(visible(chunks[0]!))).toContain('عنوان <1>');
  });

  it('pages the article list with small callback data', () => {
    const list = Array.from({ length: 25 }, (_, i) => info(i));
    const first = formatSourcesPage(list, 0, en);
    expect(visible(first.text)).toContain('page 1/3');
    expect(first.reply_markup!.inline_keyboard).toEqual([[{ text: en.next, callback_data: 's:1' }]]);
    const last = formatSourcesPage(list, 2, ar);
    expect(stripBidi(visible(last.text))).toContain('عنوان <24>');
    expect(formatSourcesPage([], 0, en).text).toBe(en.sourcesEmpty);
  });

  it('formats sizes and durations', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(50 * 1024 * 1024)).toBe('50 MB');
    expect(formatDuration(3_723_000)).toBe('01:02:03');
    expect(formatDuration(90_061_000)).toBe('1d 01:01:01');
  });
});

describe('message catalogue', () => {
  const nasty = '<b>&"</b> &amp; <i>';
  const stats: ArchiveStats = {
    articles: 5,
    passages: 40,
    dateFrom: '2018-02-20',
    dateTo: '2021-10-13',
    sources: ['Sputnik', 'الجزيرة', nasty],
    indexBytes: 123456,
    mode: 'lexical',
    english: 'none',
  };
  const article: ArticleInfo = { id: 'x<y>', title: nasty, source: nasty, date: null, section: null, file: nasty, passages: 2 };

  it('produces valid HTML in both languages whatever the input', () => {
    for (const t of [ar, en]) {
      const about = { stats, outlets: escapeHtml(nasty), botUsername: 'sanad_bot', isAdmin: true };
      const texts = [
        t.start(nasty, about),
        t.help(about),
        t.help({ ...about, stats: { ...stats, articles: 0, dateFrom: null, dateTo: null, sources: [] }, outlets: '' }),
        t.answerHeader(nasty, 1, 3, 9),
        t.notFound(nasty),
        t.emptyQuestion('sanad_bot'),
        t.questionTooLong(1000),
        t.uploadWrongType(['.txt', '.md']),
        t.uploadTooLarge(3_000_000, 2_097_152),
        t.uploadRefused(nasty),
        t.uploadAdded(nasty, [article, article]),
        t.uploadAdded(nasty, [article], [nasty]),
        t.uploadIndexing(nasty),
        t.reindexProgress({ done: 3, total: 10, perSecond: 12.5, failed: 1 }),
        t.reindexDone(
          { articles: 5, passages: 40, added: 1, updated: 2, removed: 0, unchanged: 2, failed: [{ file: nasty, reason: nasty }], mode: 'hybrid' },
          1.25,
        ),
        t.stats(stats, '01:02:03'),
        t.deleteUsage,
        t.deleted([article]),
        t.deleteNotFound(nasty),
        t.sourcesHeader(25, 1, 3),
        t.articleTruncated(6, 9),
        ...[t.textOnly, t.rateLimited, t.apology, t.adminOnly, t.unknownCommand, t.uploadFailed, t.expired, t.articleGone],
        ...[t.reindexAlreadyRunning, t.reindexStarted, t.reindexFailed, t.sourcesEmpty],
      ];
      for (const text of texts) {
        expect(() => parseHtml(text), text).not.toThrow();
        expect(text.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
      }
      expect(visible(t.notFound(nasty))).toContain(nasty);
      expect(visible(t.uploadAdded('a.txt', [article], ['3 invalid UTF-8 bytes replaced']))).toMatch(/⚠️ \u2068?3 invalid UTF-8 bytes replaced/u);
    }
  });

  it('shows file names without direction controls, so a name can neither spoof nor hide', () => {
    const spoofed = 'report\u202Etxt.exe\u2066.txt';
    for (const t of [ar, en]) {
      const texts = [
        t.uploadAdded(spoofed, [article]),
        t.uploadIndexing(spoofed),
        t.reindexDone({ articles: 1, passages: 1, added: 0, updated: 0, removed: 0, unchanged: 1, failed: [{ file: spoofed, reason: 'empty file' }], mode: 'lexical' }, 1),
      ];
      for (const text of texts) {
        expect(visible(text)).toContain('reporttxt.exe.txt');
        // the name's own controls are gone; the bot's isolates (U+2068 … U+2069) around it stay
        expect(text).not.toMatch(/[\u202A-\u202E\u2066\u2067]/u);
      }
    }
  });

  it('has every command description in both languages, within Telegram limits', () => {
    for (const t of [ar, en]) {
      for (const [command, description] of Object.entries(t.commands)) {
        expect(command).toMatch(/^[a-z]{1,32}$/);
        expect(description.length).toBeGreaterThan(0);
        expect(description.length).toBeLessThanOrEqual(256);
      }
    }
  });

  it('says "not found" in the language of the question', () => {
    expect(en.notFound('x')).toContain('I found nothing');
    expect(ar.notFound('x')).toContain('لم أجد');
  });
});

describe('answer cache', () => {
  it('expires entries after the TTL and evicts the least recently used', () => {
    let now = 0;
    const cache = new AnswerCache({ max: 2, ttlMs: 1000, now: () => now });
    const a = cache.put({ question: 'a', lang: 'ar', results: [], unmatched: [] });
    const b = cache.put({ question: 'b', lang: 'en', results: [], unmatched: [] });
    expect(a).toMatch(/^[A-Za-z0-9_-]{8}$/);
    expect(cache.get(a)?.question).toBe('a'); // a is now the most recent
    cache.put({ question: 'c', lang: 'ar', results: [], unmatched: [] }); // evicts b
    expect(cache.get(b)).toBeUndefined();
    now = 900;
    expect(cache.get(a)?.question).toBe('a'); // refreshed at 900
    now = 1800;
    expect(cache.get(a)?.question).toBe('a');
    now = 2801;
    expect(cache.get(a)).toBeUndefined();
  });
});

describe('addressing in groups', () => {
  const me: UserFromGetMe = {
    id: 42,
    is_bot: true,
    first_name: 'Sanad',
    username: 'sanad_bot',
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: true,
    can_connect_to_business: false,
    has_main_web_app: false,
  } as UserFromGetMe;
  const msg = (text: string, chat: 'private' | 'group', extra: Partial<Message> = {}): Message =>
    ({
      message_id: 1,
      date: 0,
      chat: chat === 'private' ? { id: 7, type: 'private', first_name: 'U' } : { id: -100, type: 'group', title: 'G' },
      from: { id: 7, is_bot: false, first_name: 'U' },
      text,
      ...extra,
    }) as Message;

  it('takes every private message as a question', () => {
    expect(questionOf(msg('  ماذا قال لافروف؟ ', 'private'), me)).toBe('ماذا قال لافروف؟');
  });

  it('answers in a group only when mentioned or replied to, and strips the mention', () => {
    expect(questionOf(msg('ماذا قال لافروف؟', 'group'), me)).toBeNull();
    const text = '@Sanad_Bot ماذا قال لافروف؟';
    expect(questionOf(msg(text, 'group', { entities: [{ type: 'mention', offset: 0, length: 10 }] }), me)).toBe('ماذا قال لافروف؟');
    const other = '@other_bot ماذا قال لافروف؟';
    expect(questionOf(msg(other, 'group', { entities: [{ type: 'mention', offset: 0, length: 10 }] }), me)).toBeNull();
    const reply = msg('وماذا عن طالبان؟', 'group', { reply_to_message: msg('…', 'group', { from: { ...me } }) as never });
    expect(questionOf(reply, me)).toBe('وماذا عن طالبان؟');
    expect(questionOf(msg('@sanad_bot', 'group', { entities: [{ type: 'mention', offset: 0, length: 10 }] }), me)).toBe('');
  });
});

describe('redaction', () => {
  const token = '123456:TEST-token-abcdefghij';
  it('removes the token from error descriptions', () => {
    const err = new Error(`request to https://api.telegram.org/bot${token}/getMe failed`);
    expect(describeError(err, [token])).not.toContain(token);
    expect(describeError(err, [token])).toContain('[redacted]');
    expect(redact('bot987654321:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/x')).toBe('bot[redacted]/x');
  });
});
