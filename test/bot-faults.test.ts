/**
 * Faults and Telegram's edges, end to end: the compiled bot (as `npm start` runs it) against the
 * fake Bot API, on a temporary copy of the seed archive, with a low rate limit (5 a minute) and
 * two administrators. Each test plays users of its own, so that no test's messages count against
 * another's limit; the last test checks that no Telegram rule was broken along the way.
 */
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempArchive } from './helpers.js';
import { buildBot, startBotProcess, type BotProcess } from './support/bot-process.js';
import { startFakeBotApi, type BotCall, type FakeBotApi, type FakeChat, type FakeUser } from './support/fake-bot-api.js';
import { parseHtml } from './support/telegram-rules.js';
import { messages } from '../src/bot/i18n.js';
import { stripBidi } from '../src/bot/format.js';

const RATE = 5;
const huda: FakeUser = { id: 1101, first_name: 'Huda', language_code: 'ar' };
const sami: FakeUser = { id: 1102, first_name: 'Sami', language_code: 'en' };
let nextUserId = 4000;
/** A user no other test has played, so that the rate limit starts afresh. */
const newUser = (language_code = 'en'): FakeUser => ({ id: nextUserId++, first_name: 'User', language_code });
const dm = (u: FakeUser): FakeChat => ({ id: u.id, type: 'private' });

const QUESTION = 'ماذا قال لافروف عن أفغانستان؟';
/** A distinct article (the archive refuses the same bytes twice) about giraffes number `i`. */
const article = (i: number) =>
  [
    `هجرة الزرافات في سهول سيرينغيتي ${i}`,
    '',
    'وكالة الأنباء التجريبية - 12 مارس 2024',
    '',
    `رصد باحثون هجرة غير مسبوقة لقطعان الزرافات عبر سهول سيرينغيتي هذا الموسم، إذ قطعت القطعان ${i} كيلومتر بحثا عن أشجار السنط.`,
    '',
    'وقال الباحثون إن هجرة الزرافات تأثرت بموجة الجفاف التي ضربت المنطقة، وإن أعداد الزرافات المهاجرة تضاعفت مقارنة بالعام الماضي.',
  ].join('\n');

let api: FakeBotApi;
let bot: BotProcess;
let dirs: ReturnType<typeof tempArchive>;

const sentTo = (chatId: number) => (c: BotCall) => c.method === 'sendMessage' && c.ok && Number(c.params.chat_id) === chatId;
/** What the user sees: the text after HTML parsing (plain text as is), without the invisible bidi controls. */
const text = (c: BotCall) => stripBidi(c.params.parse_mode === 'HTML' ? parseHtml(String(c.params.text)).text : String(c.params.text));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The next `n` messages the bot sends to a chat, in order. */
async function nextMessages(chatId: number, n: number, timeoutMs = 30_000): Promise<BotCall[]> {
  const got: BotCall[] = [];
  for (let i = 0; i < n; i++) got.push(await api.waitForCall(sentTo(chatId), timeoutMs));
  return got;
}

/** Ask a question and return the id of the answer, whose buttons the test can press. */
async function answerFor(user: FakeUser): Promise<{ messageId: number; buttons: string[] }> {
  api.sendText(user, dm(user), QUESTION);
  await api.waitForCall(sentTo(user.id), 20_000);
  const answer = api.messagesTo(user.id).at(-1)!;
  const rows = (answer.reply_markup as { inline_keyboard: { callback_data?: string }[][] }).inline_keyboard;
  return { messageId: answer.message_id, buttons: rows.flat().map((b) => b.callback_data ?? '') };
}

beforeAll(async () => {
  buildBot();
  api = await startFakeBotApi();
  dirs = tempArchive();
  bot = startBotProcess({
    apiRoot: api.apiRoot,
    token: api.token,
    dataDir: dirs.dataDir,
    indexDir: dirs.indexDir,
    compiled: true,
    env: { ADMIN_IDS: `${huda.id},${sami.id}`, LOG_LEVEL: 'debug', RATE_LIMIT_PER_MINUTE: String(RATE) },
  });
  await api.waitForCall((c) => c.method === 'deleteWebhook', 90_000);
}, 120_000);

afterAll(async () => {
  bot.kill();
  await api.close();
});

describe('the rate limit', () => {
  it('never drops an administrator’s uploads or commands: all are handled, one after another', async () => {
    const files = Array.from({ length: 3 * RATE }, (_, i) => `giraffes-${i}.txt`);
    files.forEach((name, i) => api.sendDocument(huda, dm(huda), name, Buffer.from(article(i)), 'text/plain'));
    api.sendCommand(huda, dm(huda), '/stats');
    await api.waitForCall((c) => sentTo(huda.id)(c) && text(c).startsWith('📊'), 60_000);
    // An upload that takes over 2 s also gets a status message ("⏳ …"), which its outcome answers.
    const replies = api.calls.filter(sentTo(huda.id)).map(text).filter((t) => !t.startsWith('⏳'));
    expect(replies).toHaveLength(files.length + 1);
    files.forEach((name, i) => {
      expect(replies[i]).toContain(`✅ أُضيف الملف ${name}`);
      expect(replies[i]).toContain(`هجرة الزرافات في سهول سيرينغيتي ${i}`);
    });
    expect(replies.at(-1)).toMatch(/^📊 الأرشيف\nالمقالات: \d+/);
    expect(readdirSync(dirs.dataDir)).toEqual(expect.arrayContaining(files));
  }, 90_000);

  it('names every message of a non-administrator it did not take', async () => {
    const user = newUser();
    // Arabic: a "not found" reply quotes an Arabic question whether or not English can be read here.
    const questions = Array.from({ length: RATE + 3 }, (_, i) => `ما أخبار الموضوع رقم ${i}؟`);
    for (const q of questions) api.sendText(user, dm(user), q);
    const replies = (await nextMessages(user.id, RATE + 1)).map(text);
    await sleep(1_500);
    expect(api.calls.filter(sentTo(user.id))).toHaveLength(RATE + 1);
    const notice = replies.find((r) => r.startsWith('⏳'))!;
    const answered = replies.filter((r) => r !== notice);
    expect(answered).toHaveLength(RATE);
    // Replies to messages taken may arrive in any order: each of the first RATE has exactly one.
    for (const q of questions.slice(0, RATE)) {
      expect(answered.filter((a) => a.includes(q))).toHaveLength(1);
      expect(notice).not.toContain(q);
    }
    for (const q of questions.slice(RATE)) expect(notice).toContain(q);
  });
});

describe('button presses', () => {
  const answersTo = (id: string) => api.calls.filter((c) => c.method === 'answerCallbackQuery' && c.params.callback_query_id === id);

  it('answers a press Telegram calls too old (queued while the bot was down) silently, without an apology', async () => {
    const user = newUser();
    const { messageId, buttons } = await answerFor(user);
    const id = api.pressButton(user, dm(user), messageId, buttons.find((d) => d.startsWith('p:'))!, { ageMs: 60_000 });
    await api.waitForCall((c) => c.method === 'answerCallbackQuery' && c.params.callback_query_id === id, 10_000);
    await sleep(1_500);
    expect(answersTo(id).map((c) => c.error)).toEqual(['Bad Request: query is too old and response timeout expired or query ID is invalid']);
    expect(api.calls.filter(sentTo(user.id))).toHaveLength(1);
    expect(bot.output()).toMatch(/"level":20,[^\n]*"msg":"button press expired before it was answered"/);
    expect(bot.output()).not.toContain('update failed');
  });

  it('answers every press of a flood, those over the rate limit included', async () => {
    const user = newUser();
    const { messageId, buttons } = await answerFor(user);
    // Paragraph buttons (each press sends a message): the same page twice would be an edit that changes nothing.
    const paragraphs = buttons.filter((d) => d.startsWith('x:'));
    const ids = Array.from({ length: 2 * RATE }, (_, i) => api.pressButton(user, dm(user), messageId, paragraphs[i % paragraphs.length]!));
    await sleep(3_000);
    for (const id of ids) expect(answersTo(id).filter((c) => c.ok), `press ${id}`).toHaveLength(1);
    const limited = ids.flatMap((id) => answersTo(id)).filter((c) => c.params.text === messages.en.rateLimited);
    expect(limited).toHaveLength(ids.length - (RATE - 1));
  });
});

describe('a reply Telegram cannot parse', () => {
  it.each([
    { method: 'sendMessage', act: (user: FakeUser) => void api.sendText(user, dm(user), QUESTION) },
    {
      method: 'editMessageText',
      act: async (user: FakeUser) => {
        const { messageId, buttons } = await answerFor(user);
        api.pressButton(user, dm(user), messageId, buttons.find((d) => d.startsWith('p:'))!);
      },
    },
  ])('$method: "can\'t parse entities" is sent again once, as the same text without markup', async ({ method, act }) => {
    const user = newUser();
    const inChat = (c: BotCall) => c.method === method && Number(c.params.chat_id) === user.id;
    api.failNext(method, 'entities');
    await act(user);
    const refused = await api.waitForCall((c) => inChat(c) && !c.ok, 20_000);
    expect(refused.error).toMatch(/^Bad Request: can't parse entities/);
    const retry = await api.waitForCall((c) => inChat(c) && c.ok, 10_000);
    expect(retry.params.parse_mode).toBeUndefined();
    expect(retry.params.text).toBe(parseHtml(String(refused.params.text)).text);
    expect(retry.params.text).toContain('لافروف');
    expect(retry.params.reply_markup).toEqual(refused.params.reply_markup);
    await sleep(1_000);
    expect(api.calls.filter((c) => inChat(c) && c !== refused && c !== retry)).toEqual([]);
    expect(api.calls.filter(sentTo(user.id)).map(text)).not.toContain(messages.en.apology);
  });
});

describe('/reindex', () => {
  it('sent twenty times at once by two administrators runs one re-index, and every requester is told and gets its report', async () => {
    const runs = () => bot.output().split('\n').filter((l) => l.includes('"msg":"re-index finished"')).length;
    const before = runs();
    const since = api.calls.length;
    for (let i = 0; i < 10; i++) {
      api.sendCommand(huda, dm(huda), '/reindex');
      api.sendCommand(sami, dm(sami), '/reindex');
    }
    for (const admin of [huda, sami]) await api.waitForCall((c) => sentTo(admin.id)(c) && text(c).startsWith('✅'), 30_000);
    await sleep(3_000);
    expect(runs() - before).toBe(1);
    const replies = api.calls.slice(since).filter((c) => c.method === 'sendMessage' && c.ok);
    const to = (admin: FakeUser, what: string) => replies.filter((c) => sentTo(admin.id)(c) && text(c).startsWith(what)).length;
    // One status message, for whoever asked first; every other request is told it joined the run.
    expect(to(huda, '🔄') + to(sami, '🔄')).toBe(1);
    expect(to(huda, stripBidi(messages.ar.reindexAlreadyRunning)) + to(sami, messages.en.reindexAlreadyRunning)).toBe(19);
    expect([to(huda, '✅'), to(sami, '✅')]).toEqual([1, 1]);
  });
});

describe('a user who blocked the bot', () => {
  it('is a warning in the log, not an error, and gets no apology attempt', async () => {
    const user = newUser();
    const toUser = (c: BotCall) => c.method === 'sendMessage' && Number(c.params.chat_id) === user.id;
    api.sendText(user, dm(user), QUESTION);
    api.block(user);
    const refused = await api.waitForCall(toUser, 20_000);
    expect(refused.error).toBe('Forbidden: bot was blocked by the user');
    await sleep(1_000);
    const lines = bot.output().split('\n').filter((l) => l.includes('bot was blocked by the user'));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({ level: 40 });
    expect(api.calls.filter(toUser)).toEqual([refused]);
  });
});

describe('an upload whose file name was cut through a character', () => {
  const astral = '𠀀'; // one letter, two UTF-16 units
  it.each([
    { case: 'a long name cut to length mid-letter', name: `a${astral.repeat(50)}.txt`, saved: `a${astral.repeat(39)}.txt` },
    { case: 'a long name that also holds a lone surrogate', name: `b${astral.repeat(45)}\uD840.txt`, saved: `b${astral.repeat(39)}.txt` },
  ])('$case: the acknowledgement names the article, the saved name is whole', async ({ name, saved }) => {
    const i = 100 + nextUserId++;
    const sent = Date.now();
    api.sendDocument(huda, dm(huda), name, Buffer.from(article(i)), 'text/plain');
    const ack = await api.waitForCall((c) => sentTo(huda.id)(c) && c.at >= sent && text(c).startsWith('✅'), 30_000);
    expect(text(ack)).toContain(`✅ أُضيف الملف ${saved} — عدد المقالات: 1`);
    expect(text(ack)).toContain(`هجرة الزرافات في سهول سيرينغيتي ${i}`);
    expect(readdirSync(dirs.dataDir)).toContain(saved);
    expect(api.calls.filter(sentTo(huda.id)).map((c) => String(c.params.text)).filter((t) => /\p{Cs}/u.test(t))).toEqual([]);
  });
});

describe('Telegram', () => {
  it('saw no rule broken', () => {
    expect(api.rejected).toEqual([]);
  });
});
