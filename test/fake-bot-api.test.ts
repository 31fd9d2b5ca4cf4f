import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Api, Bot, GrammyError, InputFile } from 'grammy';
import type { Update } from 'grammy/types';
import { startFakeBotApi, type FakeBotApi, type FakeChat, type FakeUser } from './support/fake-bot-api.js';

const alice: FakeUser = { id: 1001, first_name: 'Alice', username: 'alice', language_code: 'ar' };
const aliceChat: FakeChat = { id: 1001, type: 'private' };
const group: FakeChat = { id: -100200300, type: 'supergroup', title: 'Archive readers' };

let fake: FakeBotApi;
let api: Api;

beforeEach(async () => {
  fake = await startFakeBotApi();
  api = new Api(fake.token, { apiRoot: fake.apiRoot });
});

afterEach(async () => {
  await fake.close();
});

/** The GrammyError a Bot API call fails with. */
async function apiError(call: Promise<unknown>): Promise<GrammyError> {
  const err = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(GrammyError);
  return err as GrammyError;
}

/** Asserts that `value` is present and narrows its type accordingly. */
function defined<T>(value: T | undefined): T {
  expect(value).toBeDefined();
  if (value === undefined) throw new Error('expected a value'); // unreachable: the expect above already failed
  return value;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The Bot API's answer envelope, as far as these tests read it. */
type BotApiAnswer = { ok: boolean; error_code?: number; description?: string; result?: unknown };

/** Posts raw JSON to a method and returns the status and parsed answer. */
async function post(method: string, body: unknown, token = fake.token): Promise<{ status: number; json: BotApiAnswer }> {
  const res = await fetch(`${fake.apiRoot}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

describe('routing', () => {
  it('answers getMe with the bot user', async () => {
    const me = await api.getMe();
    expect(me).toMatchObject({ id: fake.botUser.id, is_bot: true, username: fake.botUser.username });
    expect(fake.calls.map((c) => c.method)).toEqual(['getMe']);
  });

  it('answers an unknown method with 404 like Telegram', async () => {
    const { status, json } = await post('sendTelepathy', { chat_id: 1 });
    expect(status).toBe(404);
    expect(json).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
    expect(fake.rejected).toHaveLength(1);
  });

  it('answers a wrong token with 401', async () => {
    const { status, json } = await post('getMe', {}, '999:wrong-token-abcdef');
    expect(status).toBe(401);
    expect(json).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
    const err = await apiError(new Api('999:wrong-token-abcdef', { apiRoot: fake.apiRoot }).getMe());
    expect(err.error_code).toBe(401);
  });

  it('reads url-encoded and multipart bodies as well as JSON', async () => {
    fake.sendText(alice, aliceChat, 'hi');
    const form = new URLSearchParams({ chat_id: String(aliceChat.id), text: '123', reply_markup: '{"inline_keyboard":[[{"text":"ok","callback_data":"1"}]]}' });
    const urlencoded = await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage`, { method: 'POST', body: form });
    expect((await urlencoded.json()).result).toMatchObject({ text: '123', reply_markup: { inline_keyboard: [[{ callback_data: '1' }]] } });

    const multipart = new FormData();
    multipart.set('chat_id', String(aliceChat.id));
    multipart.set('text', '<i>شكرا</i>');
    multipart.set('parse_mode', 'HTML');
    const res = await fetch(`${fake.apiRoot}/bot${fake.token}/sendMessage`, { method: 'POST', body: multipart });
    expect((await res.json()).result).toMatchObject({ text: 'شكرا', entities: [{ type: 'italic', offset: 0, length: 4 }] });
    expect(fake.rejected).toEqual([]);
  });
});

describe('HTML parse mode', () => {
  beforeEach(() => {
    fake.sendText(alice, aliceChat, 'hello');
  });

  it('accepts valid HTML and stores the visible text', async () => {
    const html =
      '<b>عنوان</b> &amp; <a href="https://example.com/?a=1&amp;b=2">رابط</a> &lt;3 &#1587;&#x644;\n' +
      '<pre><code class="language-ts">let x = 1;</code></pre><blockquote expandable>quote</blockquote> <span class="tg-spoiler">s</span>';
    const sent = await api.sendMessage(aliceChat.id, html, { parse_mode: 'HTML' });
    expect(sent.text).toBe('عنوان & رابط <3 سل\nlet x = 1;quote s');
    expect(sent.entities).toEqual([
      { type: 'bold', offset: 0, length: 5 },
      { type: 'text_link', offset: 8, length: 4, url: 'https://example.com/?a=1&b=2' },
      { type: 'pre', offset: 19, length: 10, language: 'ts' },
      { type: 'expandable_blockquote', offset: 29, length: 5 },
      { type: 'spoiler', offset: 35, length: 1 },
    ]);
    expect(fake.messagesTo(aliceChat.id).at(-1)).toMatchObject({ text: sent.text, html, parse_mode: 'HTML' });
    expect(fake.rejected).toEqual([]);
  });

  it.each([
    ['<b>x', 'Can\'t find end tag corresponding to start tag "b"'],
    ['a < b', 'Unsupported start tag "" at byte offset 2'],
    ['<script>alert(1)</script>', 'Unsupported start tag "script" at byte offset 0'],
    ['<b><i>x</b></i>', 'Unmatched end tag at byte offset 7, expected "</i>", found "</b>"'],
    ['x</b>', 'Unexpected end tag at byte offset 1'],
    ['AT&T', 'Character entity expected at byte offset 2'],
    ['&nbsp;x', 'Character entity expected at byte offset 0'],
    ['<span>x</span>', 'Tag "span" must have class "tg-spoiler"'],
    ['<a href="x>y', 'Unclosed start tag'],
  ])('rejects %j', async (html, reason) => {
    const err = await apiError(api.sendMessage(aliceChat.id, html, { parse_mode: 'HTML' }));
    expect(err.error_code).toBe(400);
    expect(err.description).toContain("Bad Request: can't parse entities: ");
    expect(err.description).toContain(reason);
    expect(fake.rejected).toHaveLength(1);
    expect(fake.messagesTo(aliceChat.id)).toEqual([]);
  });

  it('counts byte offsets in UTF-8 like Telegram', async () => {
    const err = await apiError(api.sendMessage(aliceChat.id, 'سلام <x>', { parse_mode: 'HTML' }));
    expect(err.description).toContain('Unsupported start tag "x" at byte offset 9');
  });

  it('measures the visible text: 4096 UTF-16 units pass with tags around, 4097 do not', async () => {
    await api.sendMessage(aliceChat.id, `<b>${'a'.repeat(4096)}</b>`, { parse_mode: 'HTML' });
    await api.sendMessage(aliceChat.id, '&amp;'.repeat(4096), { parse_mode: 'HTML' });
    await api.sendMessage(aliceChat.id, '😀'.repeat(2048));
    expect(fake.rejected).toEqual([]);
    for (const text of [`<b>${'a'.repeat(4097)}</b>`, '&amp;'.repeat(4097)]) {
      const err = await apiError(api.sendMessage(aliceChat.id, text, { parse_mode: 'HTML' }));
      expect(err.description).toBe('Bad Request: message is too long');
    }
    const emoji = await apiError(api.sendMessage(aliceChat.id, `${'😀'.repeat(2048)}a`));
    expect(emoji.description).toBe('Bad Request: message is too long');
  });

  it('rejects text that is empty after parsing', async () => {
    const err = await apiError(api.sendMessage(aliceChat.id, '<b></b> ', { parse_mode: 'HTML' }));
    expect(err.description).toBe('Bad Request: message text is empty');
  });

  it('says that MarkdownV2 is not implemented', async () => {
    const err = await apiError(api.sendMessage(aliceChat.id, '*x*', { parse_mode: 'MarkdownV2' }));
    expect(err.description).toContain('not implemented by the fake');
  });
});

describe('messages and keyboards', () => {
  beforeEach(() => {
    fake.sendText(alice, aliceChat, 'hello');
  });

  it('rejects 65-byte callback_data even when it is far fewer characters', async () => {
    const ok = 'ب'.repeat(32); // 32 characters, 64 bytes
    const tooLong = `a${'ب'.repeat(32)}`; // 33 characters, 65 bytes
    await api.sendMessage(aliceChat.id, 'x', { reply_markup: { inline_keyboard: [[{ text: 'ok', callback_data: ok }]] } });
    const err = await apiError(
      api.sendMessage(aliceChat.id, 'x', { reply_markup: { inline_keyboard: [[{ text: 'no', callback_data: tooLong }]] } }),
    );
    expect(err.description).toBe('Bad Request: BUTTON_DATA_INVALID');
    expect(fake.rejected).toHaveLength(1);
  });

  it('needs exactly one action per inline button', async () => {
    const textOnly = await post('sendMessage', { chat_id: aliceChat.id, text: 'x', reply_markup: { inline_keyboard: [[{ text: 'a' }]] } });
    expect(textOnly.json.description).toContain('Text buttons are unallowed in the inline keyboard');
    const both = await post('sendMessage', {
      chat_id: aliceChat.id,
      text: 'x',
      reply_markup: { inline_keyboard: [[{ text: 'a', url: 'https://example.com', callback_data: 'x' }]] },
    });
    expect(both.json.description).toContain('exactly one of the optional fields');
  });

  it('knows only chats a user wrote in', async () => {
    expect((await apiError(api.sendMessage(555, 'x'))).description).toBe('Bad Request: chat not found');
    expect((await apiError(api.sendChatAction(555, 'typing'))).description).toBe('Bad Request: chat not found');
    const action = await post('sendChatAction', { chat_id: aliceChat.id, action: 'thinking' });
    expect(action.json.description).toBe('Bad Request: wrong parameter action in request');
    await api.sendChatAction(aliceChat.id, 'typing');
  });

  it('edits messages, refuses no-op edits and drops the keyboard when an edit omits it', async () => {
    const keyboard = { inline_keyboard: [[{ text: 'more', callback_data: 'more' }]] };
    const sent = await api.sendMessage(aliceChat.id, '<b>one</b>', { parse_mode: 'HTML', reply_markup: keyboard });
    const same = await apiError(api.editMessageText(aliceChat.id, sent.message_id, '<b>one</b>', { parse_mode: 'HTML', reply_markup: keyboard }));
    expect(same.description).toContain('Bad Request: message is not modified');
    await api.editMessageText(aliceChat.id, sent.message_id, 'two');
    expect(fake.messagesTo(aliceChat.id)).toEqual([{ message_id: sent.message_id, text: 'two' }]);
    const missing = await apiError(api.editMessageText(aliceChat.id, 999, 'x'));
    expect(missing.description).toBe('Bad Request: message to edit not found');
    await api.editMessageReplyMarkup(aliceChat.id, sent.message_id, { reply_markup: keyboard });
    expect(defined(fake.messagesTo(aliceChat.id)[0]).reply_markup).toEqual(keyboard);
    await api.deleteMessage(aliceChat.id, sent.message_id);
    expect(fake.messagesTo(aliceChat.id)).toEqual([]);
  });

  it('delivers button presses and lets each be answered once', async () => {
    const sent = await api.sendMessage(aliceChat.id, 'pick', {
      reply_markup: { inline_keyboard: [[{ text: 'صفحة ٢', callback_data: 'page:2' }]] },
    });
    const queryId = fake.pressButton(alice, aliceChat, sent.message_id, 'page:2');
    const update = (await api.getUpdates({ timeout: 0 })).at(-1)!;
    expect(update.callback_query).toMatchObject({ id: queryId, data: 'page:2', from: { id: alice.id }, message: { message_id: sent.message_id } });
    expect(typeof update.callback_query?.chat_instance).toBe('string');
    const long = await apiError(api.answerCallbackQuery(queryId, { text: 'x'.repeat(201) }));
    expect(long.description).toBe('Bad Request: MESSAGE_TOO_LONG');
    await api.answerCallbackQuery(queryId, { text: 'تم' });
    const again = await apiError(api.answerCallbackQuery(queryId));
    expect(again.description).toContain('query ID is invalid');
    expect(() => fake.pressButton(alice, aliceChat, sent.message_id, 'page:3')).toThrow(/no button/);
  });
});

describe('getUpdates', () => {
  it('holds a long poll until a user writes, then honours offset', async () => {
    const started = Date.now();
    const poll = api.getUpdates({ timeout: 5 });
    setTimeout(() => fake.sendText(alice, aliceChat, 'ما آخر الأخبار؟'), 50);
    const updates = await poll;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(updates).toHaveLength(1);
    const first = defined(updates[0]);
    expect(first.message).toMatchObject({
      message_id: 1,
      text: 'ما آخر الأخبار؟',
      from: { id: alice.id, is_bot: false, first_name: 'Alice' },
      chat: { id: aliceChat.id, type: 'private', first_name: 'Alice' },
    });
    expect(Math.abs(first.message!.date - Date.now() / 1000)).toBeLessThan(5);

    expect(await api.getUpdates({ timeout: 0 })).toHaveLength(1); // not confirmed yet
    fake.sendCommand(alice, aliceChat, '/start');
    const next = await api.getUpdates({ offset: first.update_id + 1, timeout: 0 });
    expect(next).toHaveLength(1);
    const second = defined(next[0]);
    expect(second.update_id).toBe(first.update_id + 1);
    expect(second.message?.entities).toEqual([{ type: 'bot_command', offset: 0, length: 6 }]);
    expect(await api.getUpdates({ offset: second.update_id + 1, timeout: 0 })).toEqual([]);
  });

  it('answers an empty list when the timeout passes', async () => {
    const started = Date.now();
    expect(await api.getUpdates({ timeout: 1 })).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('respects limit and allowed_updates', async () => {
    fake.sendText(alice, aliceChat, 'one');
    fake.sendText(alice, aliceChat, 'two');
    fake.sendInlineQuery(alice, 'q');
    expect(await api.getUpdates({ limit: 1, timeout: 0 })).toHaveLength(1);
    const onlyMessages = await api.getUpdates({ allowed_updates: ['message'], timeout: 0 });
    expect(onlyMessages.map((u) => u.message?.text)).toEqual(['one', 'two']);
  });

  it('builds group mentions, replies to the bot and documents like Telegram', async () => {
    fake.sendText(alice, group, 'hi');
    const sent = await api.sendMessage(group.id, 'answer');
    fake.sendText(alice, group, `@${fake.botUser.username} ما المصدر؟`, { replyToBot: true });
    const bytes = Buffer.from('خبر عاجل', 'utf8');
    fake.sendDocument(alice, group, 'news.txt', bytes);
    const updates: Update[] = await api.getUpdates({ timeout: 0 });
    const [, maybeMention, maybeDoc] = updates.map((u) => u.message!);
    const mention = defined(maybeMention);
    const doc = defined(maybeDoc);
    expect(mention.chat).toEqual({ id: group.id, type: 'supergroup', title: 'Archive readers' });
    expect(mention.entities).toEqual([{ type: 'mention', offset: 0, length: fake.botUser.username.length + 1 }]);
    expect(mention.reply_to_message).toMatchObject({ message_id: sent.message_id, from: { id: fake.botUser.id, is_bot: true } });
    expect(doc.document).toMatchObject({ file_name: 'news.txt', mime_type: 'text/plain', file_size: bytes.length });

    const file = await api.getFile(doc.document!.file_id);
    const download = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${file.file_path}`);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(bytes);
  });

  it('answers a superseded long poll with 409 Conflict', async () => {
    const first = apiError(api.getUpdates({ timeout: 5 }));
    await sleep(50); // let the first poll reach the server
    await api.getUpdates({ timeout: 0 });
    expect((await first).error_code).toBe(409);
    expect(fake.rejected).toEqual([]);
  });

  it('close() ends a pending long poll with no updates', async () => {
    const poll = api.getUpdates({ timeout: 30 });
    await sleep(50);
    await fake.close();
    expect(await poll).toEqual([]);
  });
});

describe('flood control and failures', () => {
  it('failNext gives 429 with retry_after once, then the method works again', async () => {
    fake.sendText(alice, aliceChat, 'hi');
    fake.failNext('sendMessage', '429', 7);
    const err = await apiError(api.sendMessage(aliceChat.id, 'x'));
    expect(err.error_code).toBe(429);
    expect(err.description).toBe('Too Many Requests: retry after 7');
    expect(err.parameters.retry_after).toBe(7);
    await api.sendMessage(aliceChat.id, 'x');
    fake.failNext('sendMessage', '500');
    expect((await apiError(api.sendMessage(aliceChat.id, 'x'))).error_code).toBe(500);
    expect(fake.rejected).toEqual([]);
    expect(fake.calls.map((c) => c.ok)).toEqual([false, true, false]);
  });

  it('storm refuses one chat for a while with retry_after, and flags a retry that comes too early', async () => {
    fake.sendText(alice, aliceChat, 'hi');
    fake.sendText(alice, group, 'hi');
    fake.storm({ forMs: 1500, retryAfter: 1, chatId: aliceChat.id });
    const first = await apiError(api.sendMessage(aliceChat.id, 'x'));
    expect(first.parameters.retry_after).toBe(1);
    await api.sendMessage(group.id, 'other chats are not in the storm');
    expect(fake.rejected).toEqual([]);
    await sleep(150); // past requests that were already on their way
    expect((await apiError(api.sendMessage(aliceChat.id, 'too early'))).error_code).toBe(429);
    expect(fake.rejected.map((c) => c.params.text)).toEqual(['too early']);
    await sleep(1600);
    await api.sendMessage(aliceChat.id, 'after the storm');
  });
});

describe('answerInlineQuery', () => {
  const article = (id: string, text = 'نص') => ({
    type: 'article' as const,
    id,
    title: 'عنوان',
    input_message_content: { message_text: text, parse_mode: 'HTML' as const },
  });

  it('accepts valid results once per query', async () => {
    const id = fake.sendInlineQuery(alice, 'اقتصاد');
    const update = defined((await api.getUpdates({ timeout: 0 }))[0]);
    expect(update.inline_query).toEqual({ id, from: { id: alice.id, is_bot: false, first_name: 'Alice', username: 'alice', language_code: 'ar' }, query: 'اقتصاد', offset: '', chat_type: 'sender' });
    await api.answerInlineQuery(id, [article('1', '<b>نص</b>')], { cache_time: 0, is_personal: true });
    expect((await apiError(api.answerInlineQuery(id, []))).description).toContain('query ID is invalid');
    expect((await apiError(api.answerInlineQuery('42', []))).description).toContain('query ID is invalid');
  });

  it.each([
    ['more than 50 results', Array.from({ length: 51 }, (_, i) => article(String(i))), 'RESULTS_TOO_MUCH'],
    ['an id of 65 bytes', [article(`a${'ب'.repeat(32)}`)], 'RESULT_ID_INVALID'],
    ['duplicate ids', [article('1'), article('1')], 'RESULT_ID_DUPLICATE'],
    ['an article without title', [{ ...article('1'), title: undefined }], 'Field "title"'],
    ['a result without type', [{ ...article('1'), type: undefined }], 'Field "type"'],
    ['broken HTML in message_text', [article('1', '<b>x')], "can't parse entities"],
    ['an empty message_text', [article('1', '')], 'message text is empty'],
  ])('rejects %s', async (_what, results, reason) => {
    const id = fake.sendInlineQuery(alice, 'q');
    const { status, json } = await post('answerInlineQuery', { inline_query_id: id, results });
    expect(status).toBe(400);
    expect(json.description).toContain(reason);
    expect(fake.rejected).toHaveLength(1);
  });
});

describe('commands, documents and webhooks', () => {
  it('validates and stores bot commands per scope and language', async () => {
    await api.setMyCommands([{ command: 'start', description: 'ابدأ' }], { language_code: 'ar' });
    expect(await api.getMyCommands({ language_code: 'ar' })).toEqual([{ command: 'start', description: 'ابدأ' }]);
    expect(await api.getMyCommands()).toEqual([]);
    for (const commands of [[], [{ command: 'Start', description: 'x' }], [{ command: 'start', description: '' }]]) {
      expect((await post('setMyCommands', { commands })).status).toBe(400);
    }
    expect((await post('setMyCommands', { commands: [{ command: 'a', description: 'b' }], language_code: 'arabic' })).status).toBe(400);
    expect(fake.rejected).toHaveLength(4);
  });

  it('accepts a document upload (multipart with a file) and serves it back', async () => {
    fake.sendText(alice, aliceChat, 'hi');
    const bytes = Buffer.from('report body');
    const sent = await api.sendDocument(aliceChat.id, new InputFile(bytes, 'report.txt'), { caption: '<i>تقرير</i>', parse_mode: 'HTML' });
    expect(sent.document).toMatchObject({ file_name: 'report.txt', file_size: bytes.length });
    expect(sent.caption).toBe('تقرير');
    const file = await api.getFile(sent.document!.file_id);
    const res = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${file.file_path}`);
    expect(Buffer.from(await res.arrayBuffer())).toEqual(bytes);
    expect(fake.rejected).toEqual([]);
  });

  it('refuses getUpdates while a webhook is set', async () => {
    await api.setWebhook('https://bot.example.com/hook');
    expect((await apiError(api.getUpdates())).error_code).toBe(409);
    await api.deleteWebhook();
    expect(await api.getUpdates({ timeout: 0 })).toEqual([]);
  });
});

describe('waitForCall', () => {
  it('hands out each matching call once and explains a timeout', async () => {
    await api.getMe();
    await api.getMe();
    const first = await fake.waitForCall((c) => c.method === 'getMe');
    const second = await fake.waitForCall((c) => c.method === 'getMe');
    expect(second).not.toBe(first);
    const later = fake.waitForCall((c) => c.method === 'getMe', 1000);
    await api.getMe();
    expect(await later).toBe(fake.calls[2]);
    await expect(fake.waitForCall((c) => c.method === 'sendMessage', 50)).rejects.toThrow(/within 50 ms[\s\S]*getMe ok/);
  });
});

describe('with a grammY bot polling', () => {
  it('serves a whole start/answer/stop cycle without breaking a rule', async () => {
    const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
    bot.command('start', (ctx) => ctx.reply('<b>أهلا</b>', { parse_mode: 'HTML' }));
    const running = bot.start({ timeout: 1 });
    fake.sendCommand(alice, aliceChat, '/start');
    const reply = await fake.waitForCall((c) => c.method === 'sendMessage', 5000);
    expect(reply.params).toMatchObject({ chat_id: aliceChat.id, text: '<b>أهلا</b>' });
    expect(fake.messagesTo(aliceChat.id)).toMatchObject([{ text: 'أهلا', html: '<b>أهلا</b>' }]);
    await bot.stop();
    await running;
    expect(fake.rejected).toEqual([]);
  });
});
