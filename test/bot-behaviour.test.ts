/**
 * The bot's middleware in process: createBot() with a stub archive, long polling the fake Bot API.
 * Covers what is awkward to provoke through the real archive: rate limiting, errors and the
 * apology, slow questions not blocking other chats, a slow upload's status message, Telegram 429s,
 * and that the token never reaches the log.
 */
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bot } from 'grammy';
import { startFakeBotApi, type BotCall, type FakeBotApi, type FakeChat, type FakeUser } from './support/fake-bot-api.js';
import { parseHtml } from './support/telegram-rules.js';
import { loadConfig } from '../src/config.js';
import type { Archive } from '../src/archive/archive.js';
import type { Answer, AnswerResult } from '../src/types.js';
import { createBot } from '../src/bot/bot.js';
import type { BotContext } from '../src/bot/context.js';
import { messages } from '../src/bot/i18n.js';
import { stripBidi } from '../src/bot/format.js';
import { TaskTracker } from '../src/bot/tasks.js';

const PASSAGE = 'قال وزير الخارجية الروسي سيرغي لافروف إن الانسحاب الأمريكي من أفغانستان كان هزيمة.';

function result(i: number): AnswerResult {
  return {
    rank: i + 1,
    score: 1,
    text: PASSAGE,
    excerpt: PASSAGE,
    position: i,
    article: { id: `art${i}`, title: `عنوان ${i}`, source: 'تاس', date: '2021-10-13', file: `${i}.txt` },
    alsoIn: [],
  };
}

let api: FakeBotApi;
let bot: Bot<BotContext>;
let logs = '';
const tasks = new TaskTracker();

/** A stub archive: answers instantly, slowly, by throwing (with the token in the message), or not at all. */
function stubArchive(token: string): Archive {
  const stub = {
    mode: 'lexical',
    async ask(question: string): Promise<Answer> {
      if (question.includes('boom')) throw new Error(`request to https://api.telegram.org/bot${token}/x failed`);
      if (question.includes('slow')) await new Promise((r) => setTimeout(r, 1500));
      if (question.includes('nothing')) return { question, answered: false, results: [], unmatched: [] };
      return { question, answered: true, results: [0, 1, 2, 3].map(result), unmatched: [] };
    },
    show(id: string) {
      if (id === 'art1') throw new Error('disk on fire');
      return { article: { ...result(0).article, section: null, passages: 1 }, passages: [{ position: 0, text: PASSAGE }] };
    },
    async addFile(name: string) {
      await new Promise((r) => setTimeout(r, 2_600));
      return { file: name, articles: [{ ...result(0).article, section: null, passages: 1 }], warnings: [] };
    },
    stats: () => ({ articles: 4, passages: 4, dateFrom: null, dateTo: null, sources: ['تاس'], indexBytes: 1, mode: 'lexical' }),
    sources: () => [],
    close() {},
  };
  return stub as unknown as Archive;
}

const ali: FakeUser = { id: 501, first_name: 'Ali', language_code: 'ar' };
const bob: FakeUser = { id: 502, first_name: 'Bob', language_code: 'en' };
const carol: FakeUser = { id: 503, first_name: 'Carol', language_code: 'en' };
const erin: FakeUser = { id: 505, first_name: 'Erin', language_code: 'en' };
const dm = (u: FakeUser): FakeChat => ({ id: u.id, type: 'private' });
const sentTo = (chatId: number) => (c: BotCall) => c.method === 'sendMessage' && c.ok && Number(c.params.chat_id) === chatId;
const visible = (c: BotCall) => stripBidi(parseHtml(String(c.params.text)).text);

beforeAll(async () => {
  api = await startFakeBotApi();
  const config = loadConfig({
    TELEGRAM_BOT_TOKEN: api.token,
    TELEGRAM_API_ROOT: `${api.apiRoot}/`, // a trailing slash must be tolerated
    RATE_LIMIT_PER_MINUTE: '3',
    ADMIN_IDS: String(erin.id),
    EMBEDDING_MODEL: 'none',
  });
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs += chunk.toString();
      done();
    },
  });
  const log = pino({ level: 'debug' }, sink);
  bot = createBot({ config, archive: stubArchive(api.token), log, startedAt: new Date(), tasks });
  void bot.start({ allowed_updates: ['message', 'callback_query', 'inline_query'] });
  await api.waitForCall((c) => c.method === 'deleteWebhook', 10_000);
});

afterAll(async () => {
  await bot.stop();
  await tasks.idle(2000);
  await api.close();
});

describe('bot middleware', () => {
  it('apologises in the user’s language when handling fails, logs without the token, and carries on', async () => {
    api.sendText(ali, dm(ali), 'boom سؤال');
    const apology = await api.waitForCall(sentTo(ali.id));
    expect(visible(apology)).toBe(messages.ar.apology);
    expect(logs).toContain('update failed');
    expect(logs).toContain('[redacted]');
    expect(logs).not.toContain(api.token);

    api.sendText(ali, dm(ali), 'سؤال عادي');
    expect(visible(await api.waitForCall(sentTo(ali.id)))).toContain('📰');
  });

  it('answers a failed button press with an apology, once', async () => {
    api.sendText(carol, dm(carol), 'لافروف');
    await api.waitForCall(sentTo(carol.id));
    const answer = api.messagesTo(carol.id).at(-1)!;
    api.pressButton(carol, dm(carol), answer.message_id, 'a:art1');
    const apology = await api.waitForCall((c) => c.method === 'answerCallbackQuery' && c.ok);
    expect(apology.params.text).toBe(messages.en.apology);
  });

  it('does not let a slow question hold up another chat', async () => {
    api.sendText(bob, dm(bob), 'slow question لافروف');
    await new Promise((r) => setTimeout(r, 100));
    api.sendText(carol, dm(carol), 'nothing here');
    const fast = await api.waitForCall(sentTo(carol.id), 5_000);
    const slow = await api.waitForCall(sentTo(bob.id), 5_000);
    expect(fast.at).toBeLessThan(slow.at);
    expect(visible(fast)).toContain('I found nothing');
    // "typing…" is shown for the slow one only, before its answer.
    const typing = (chat: number) => api.calls.filter((c) => c.method === 'sendChatAction' && Number(c.params.chat_id) === chat);
    expect(typing(bob.id).map((c) => c.params.action)).toEqual(['typing']);
    expect(typing(bob.id)[0]!.at).toBeLessThan(slow.at);
    expect(typing(carol.id)).toEqual([]);
  });

  it('retries a message Telegram refused with 429', async () => {
    api.failNext('sendMessage', '429', 1);
    const t0 = Date.now();
    api.sendText(bob, dm(bob), 'nothing again');
    const reply = await api.waitForCall(sentTo(bob.id), 10_000);
    expect(visible(reply)).toContain('I found nothing');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
  });

  it('rate-limits each user, with one notice naming the messages not taken', async () => {
    // A user of its own, so that no other test's messages count against the limit (3 a minute).
    const dave: FakeUser = { id: 504, first_name: 'Dave', language_code: 'ar' };
    for (let i = 0; i < 5; i++) api.sendText(dave, dm(dave), `nothing ${i}`);
    await new Promise((r) => setTimeout(r, 2000));
    const toDave = api.calls.filter(sentTo(dave.id)).map(visible);
    // 3 answered; the 4th and 5th are named in one notice.
    expect(toDave).toHaveLength(4);
    expect(toDave.filter((t) => t.includes('I found nothing'))).toHaveLength(3); // a Latin-script question gets an English answer
    const notice = stripBidi(parseHtml(messages.ar.notTaken(['nothing 3', 'nothing 4'])).text);
    expect(toDave.filter((t) => t === notice)).toHaveLength(1);
  });

  it('shows a status message for an upload that takes more than 2 s, and answers it with the outcome', async () => {
    api.sendDocument(erin, dm(erin), 'slow.txt', Buffer.from('عنوان\n\nنص المقال.'), 'text/plain');
    const status = await api.waitForCall(sentTo(erin.id), 5_000);
    expect(visible(status)).toContain('Indexing slow.txt');
    const outcome = await api.waitForCall(sentTo(erin.id), 5_000);
    expect(visible(outcome)).toContain('Added slow.txt');
    const statusId = api.messagesTo(erin.id).find((m) => m.text.includes('Indexing'))!.message_id;
    expect((outcome.params.reply_parameters as { message_id: number }).message_id).toBe(statusId);
  });

  it('shows an upload’s name without the half character a cut name ends with', async () => {
    api.sendDocument(erin, dm(erin), 'slow \uD83D.txt', Buffer.from('عنوان\n\nنص المقال.'), 'text/plain');
    const status = await api.waitForCall(sentTo(erin.id), 5_000);
    const outcome = await api.waitForCall(sentTo(erin.id), 5_000);
    for (const sent of [status, outcome]) expect(String(sent.params.text)).not.toMatch(/\p{Cs}/u);
    expect(visible(status)).toContain('Indexing slow .txt');
    expect(visible(outcome)).toContain('Added slow .txt');
  });

  it('broke no Telegram rule', () => {
    expect(api.rejected).toEqual([]);
  });
});
