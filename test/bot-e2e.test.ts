/**
 * End to end: the real bot as a child process, long polling a fake Bot API server that enforces
 * Telegram's rules (429 storms included), with a temporary copy of the seed archive in lexical mode.
 * The tests play users and run in order against one bot process — the compiled one, as `npm start`
 * and the systemd unit run it; the last test stops it. A second process (from the TypeScript
 * sources, as in development) checks webhook mode, a third a stop in the middle of indexing.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_DIR, tempArchive } from './helpers.js';
import { buildBot, startBotProcess, type BotProcess } from './support/bot-process.js';
import { startFakeBotApi, type BotCall, type FakeBotApi, type FakeChat, type FakeUser } from './support/fake-bot-api.js';
import { messages } from '../src/bot/i18n.js';
import { stripBidi } from '../src/bot/format.js';
import { parseHtml } from './support/telegram-rules.js';

const admin: FakeUser = { id: 1001, first_name: 'Huda', username: 'huda', language_code: 'ar' };
const omar: FakeUser = { id: 2002, first_name: 'Omar', language_code: 'ar' };
const alice: FakeUser = { id: 3003, first_name: 'Alice', language_code: 'en' };
const dm = (u: FakeUser): FakeChat => ({ id: u.id, type: 'private' });
const group: FakeChat = { id: -1001234567890, type: 'supergroup', title: 'غرفة الأخبار' };

const QUESTION = 'ماذا قال لافروف عن أفغانستان؟';
const NEW_ARTICLE = [
  'هجرة الزرافات في سهول سيرينغيتي',
  '',
  'وكالة الأنباء التجريبية - 12 مارس 2024',
  '',
  'رصد باحثون هجرة غير مسبوقة لقطعان الزرافات عبر سهول سيرينغيتي هذا الموسم، إذ قطعت القطعان مسافات طويلة بحثا عن أشجار السنط.',
  '',
  'وقال الباحثون إن هجرة الزرافات تأثرت بموجة الجفاف التي ضربت المنطقة، وإن أعداد الزرافات المهاجرة تضاعفت مقارنة بالعام الماضي.',
].join('\n');

let api: FakeBotApi;
let bot: RunningBot;
let dataDir: string;

const sent = (chatId: number) => (c: BotCall) => c.method === 'sendMessage' && c.ok && Number(c.params.chat_id) === chatId;
/** What the user sees: the text after HTML parsing, without the invisible bidi controls. */
const text = (c: BotCall) => stripBidi(parseHtml(String(c.params.text ?? '')).text);
const buttons = (c: BotCall): string[] =>
  ((c.params.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined)?.inline_keyboard ?? [])
    .flat()
    .map((b) => b.callback_data ?? '');

/** The next message the bot sends to a chat. */
function nextMessage(chatId: number, timeoutMs = 20_000): Promise<BotCall> {
  return api.waitForCall(sent(chatId), timeoutMs);
}

/** Resolves true if the bot sends nothing to the chat within `ms`. */
async function staysSilent(chatId: number, ms: number): Promise<boolean> {
  const before = api.calls.filter(sent(chatId)).length;
  await new Promise((r) => setTimeout(r, ms));
  return api.calls.filter(sent(chatId)).length === before;
}

interface RunningBot extends BotProcess {
  dataDir: string;
  cleanup: () => void;
}

/** The bot on a temporary copy of the seed archive (`prepare` may add files first). */
function startBot(fake: FakeBotApi, opts: { compiled?: boolean; env?: Record<string, string>; prepare?: (dataDir: string) => void } = {}): RunningBot {
  const dirs = tempArchive();
  opts.prepare?.(dirs.dataDir);
  const running = startBotProcess({
    apiRoot: fake.apiRoot,
    token: fake.token,
    dataDir: dirs.dataDir,
    indexDir: dirs.indexDir,
    compiled: opts.compiled,
    env: { ADMIN_IDS: String(admin.id), LOG_LEVEL: 'debug', RATE_LIMIT_PER_MINUTE: '1000', ...opts.env },
  });
  return {
    ...running,
    dataDir: dirs.dataDir,
    cleanup: () => {
      running.kill();
      rmSync(dirs.dir, { recursive: true, force: true });
    },
  };
}

/** `copies` copies of each seed article (distinct bytes), to make indexing take a while. */
function addCopies(dataDir: string, copies: number): number {
  const seed = readdirSync(SEED_DIR);
  for (let i = 0; i < copies; i++) {
    for (const f of seed) writeFileSync(join(dataDir, `copy${i}_${f}`), `${readFileSync(join(SEED_DIR, f), 'utf8')}\n\nنسخة ${i}`);
  }
  return seed.length * copies;
}

/** SIGTERM the bot and check it exits with code 0 within 5 seconds. */
async function expectCleanStop(running: RunningBot): Promise<void> {
  const t0 = Date.now();
  running.proc.kill('SIGTERM');
  const { code } = await running.exited;
  expect(Date.now() - t0).toBeLessThan(5_000);
  expect(code).toBe(0);
}

describe('sanad bot, end to end (long polling)', () => {
  beforeAll(async () => {
    buildBot();
    api = await startFakeBotApi();
    bot = startBot(api, { compiled: true });
    dataDir = bot.dataDir;
    // The command menu is set, then grammY deletes any webhook and starts long polling.
    await api.waitForCall((c) => c.method === 'deleteWebhook', 90_000);
  }, 120_000);

  afterAll(async () => {
    bot.cleanup();
    await api.close();
  });

  it('sets the command menu in English and Arabic', () => {
    const menus = api.calls.filter((c) => c.method === 'setMyCommands' && c.ok);
    expect(menus.map((c) => c.params.language_code ?? 'default').sort()).toEqual(['ar', 'default']);
    for (const m of menus) {
      expect((m.params.commands as { command: string }[]).map((c) => c.command)).toEqual([
        'start', 'help', 'sources', 'stats', 'reindex', 'delete',
      ]);
    }
  });

  it('introduces the archive on /start in the user’s language', async () => {
    api.sendCommand(alice, dm(alice), '/start');
    const reply = await nextMessage(alice.id);
    expect(text(reply)).toContain('Hello, Alice');
    expect(text(reply)).toMatch(/holds \d+ articles/);
    api.sendCommand(omar, dm(omar), '/help');
    expect(text(await nextMessage(omar.id))).toMatch(/عدد المقالات في الأرشيف: \d+/);
  });

  let answerMessageId = 0;
  let pageButton = '';

  it('answers an Arabic question with cited excerpts', async () => {
    api.sendText(omar, dm(omar), QUESTION);
    const reply = await nextMessage(omar.id);
    expect(reply.params.parse_mode).toBe('HTML');
    const body = text(reply);
    expect(body).toContain('النتائج 1–3 من');
    expect(body).toMatch(/1\. [\s\S]*لافروف/);
    expect(body.match(/📰/g)).toHaveLength(3);
    expect(String(reply.params.text)).toContain('<b>');
    const data = buttons(reply);
    expect(data.filter((d) => d.startsWith('x:'))).toHaveLength(3);
    expect(data.filter((d) => /^[aA]:/.test(d))).toHaveLength(3);
    pageButton = data.find((d) => d.startsWith('p:'))!;
    expect(pageButton).toMatch(/^p:[A-Za-z0-9_-]{8}:1$/);
    const stored = api.messagesTo(omar.id).at(-1)!;
    answerMessageId = stored.message_id;
  });

  it('pages to the next three results in place', async () => {
    api.pressButton(omar, dm(omar), answerMessageId, pageButton);
    const edit = await api.waitForCall((c) => c.method === 'editMessageText' && c.ok, 20_000);
    expect(Number(edit.params.message_id)).toBe(answerMessageId);
    expect(text(edit)).toContain('النتائج 4–6 من');
    expect(text(edit)).toMatch(/4\. [\s\S]*5\. [\s\S]*6\. /);
    expect(buttons(edit)).toContain(pageButton.replace(/:1$/, ':0'));
    await api.waitForCall((c) => c.method === 'answerCallbackQuery' && c.ok, 5_000);
  });

  it('sends the full paragraph and the whole article from the buttons', async () => {
    const stored = api.messagesTo(omar.id).find((m) => m.message_id === answerMessageId)!;
    const data = ((stored.reply_markup as { inline_keyboard: { callback_data?: string }[][] }).inline_keyboard)
      .flat()
      .map((b) => b.callback_data ?? '');
    api.pressButton(omar, dm(omar), answerMessageId, data.find((d) => d.startsWith('x:'))!);
    const paragraph = await nextMessage(omar.id);
    expect(text(paragraph)).toMatch(/^4\. /);
    expect(text(paragraph)).toContain('📰');
    api.pressButton(omar, dm(omar), answerMessageId, data.find((d) => /^[aA]:/.test(d))!);
    const article = await nextMessage(omar.id);
    expect(text(article)).toContain('📄');
  });

  it('says which words of a question the cited passages do not hold', async () => {
    // "الضرائب" (taxes) is in no passage of the archive; "الهجرة" would not do: one passage speaks of migration to Central Asia.
    api.sendText(alice, dm(alice), 'ماذا قال ستارمر عن الضرائب في بريطانيا؟');
    const body = text(await nextMessage(alice.id));
    expect(body).toMatch(/1\. [\s\S]*ستارمر/);
    expect(body.trimEnd().split('\n').at(-1)).toBe('🔍 لم يرد في هذه المقاطع: الضرائب');
  });

  it('says, in English, that it cannot read an English question yet and what it needs (no model, no dictionary)', async () => {
    api.sendText(alice, dm(alice), 'What did the mayor of Paris say about the weather?');
    const reply = await nextMessage(alice.id);
    expect(text(reply)).toBe(messages.en.englishUnread);
  });

  it('escapes HTML characters in a question', async () => {
    const question = 'لافروف <b>&"';
    api.sendText(omar, dm(omar), question);
    const reply = await nextMessage(omar.id);
    expect(reply.ok).toBe(true);
    expect(stripBidi(String(reply.params.text))).toContain('&lt;b&gt;&amp;&quot;');
    expect(text(reply)).toContain('لافروف <b>&"');
  });

  /** A group message the bot must never answer; the last test checks no reply ever quoted it. */
  let unaddressed = 0;
  const quoted = (c: BotCall) => (c.params.reply_parameters as { message_id?: number } | undefined)?.message_id;

  it('in a group, stays silent unless mentioned or replied to', async () => {
    unaddressed = api.sendText(omar, group, QUESTION);
    expect(await staysSilent(group.id, 1500)).toBe(true);

    // Each reply must quote the message it answers: a late reply to the unaddressed one fails here.
    const mention = api.sendText(omar, group, `@${api.botUser.username} ${QUESTION}`);
    const reply = await nextMessage(group.id);
    expect(quoted(reply)).toBe(mention);
    expect(text(reply)).toContain(`🔎 ${QUESTION}`);

    const replyToBot = api.sendText(alice, group, 'منظمة معاهدة الأمن الجماعي', { replyToBot: true });
    const second = await nextMessage(group.id);
    expect(quoted(second)).toBe(replyToBot);
    expect(text(second)).toContain('📰');
  });

  it('holds answers through a 429 storm (retry_after 1 s for 4 s) and delivers them after it', async () => {
    const storm = Date.now();
    api.storm({ forMs: 4_000, retryAfter: 1 });
    api.sendText(omar, dm(omar), QUESTION);
    api.sendText(alice, dm(alice), 'منظمة معاهدة الأمن الجماعي');
    const replies = [await nextMessage(omar.id, 30_000), await nextMessage(alice.id, 30_000)];
    for (const reply of replies) {
      expect(reply.at - storm).toBeGreaterThanOrEqual(3_900);
      expect(text(reply)).toContain('📰');
    }
    expect(api.calls.filter((c) => c.at > storm && c.ok && /apolog|عذر/i.test(text(c)))).toEqual([]);
  });

  it('holds one chat’s answer through a 30 s flood wait without delaying other chats', async () => {
    const storm = Date.now();
    api.storm({ forMs: 30_000, retryAfter: 30, chatId: omar.id });
    api.sendText(omar, dm(omar), 'منظمة معاهدة الأمن الجماعي');
    await new Promise((r) => setTimeout(r, 300));
    const asked = Date.now();
    api.sendText(alice, dm(alice), QUESTION);
    const other = await nextMessage(alice.id, 10_000);
    expect(other.at - asked).toBeLessThan(2_000);
    const held = await nextMessage(omar.id, 45_000);
    expect(held.at - storm).toBeGreaterThanOrEqual(29_900);
    expect(text(held)).toContain('📰');
  }, 60_000);

  it('answers inline queries with cited articles, and an empty query with nothing', async () => {
    api.sendInlineQuery(alice, 'لافروف أفغانستان');
    const answer = await api.waitForCall((c) => c.method === 'answerInlineQuery' && c.ok, 20_000);
    const results = answer.params.results as { id: string; title: string; input_message_content: { message_text: string } }[];
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(10);
    expect(new Set(results.map((r) => r.id)).size).toBe(results.length);
    expect(stripBidi(results[0]!.input_message_content.message_text)).toContain('📰');

    api.sendInlineQuery(alice, '   ');
    const empty = await api.waitForCall((c) => c.method === 'answerInlineQuery' && c.ok, 20_000);
    expect(empty.params.results).toEqual([]);
  });

  it('refuses uploads and admin commands from non-admins, changing nothing', async () => {
    const before = readdirSync(dataDir).sort();
    api.sendDocument(alice, dm(alice), 'giraffes.txt', Buffer.from(NEW_ARTICLE), 'text/plain');
    expect(text(await nextMessage(alice.id))).toBe(messages.en.adminOnly);
    api.sendCommand(alice, dm(alice), '/reindex');
    expect(text(await nextMessage(alice.id))).toBe(messages.en.adminOnly);
    api.sendCommand(alice, dm(alice), '/delete 41a0bee2b2');
    expect(text(await nextMessage(alice.id))).toBe(messages.en.adminOnly);
    expect(readdirSync(dataDir).sort()).toEqual(before);
    expect(api.calls.some((c) => c.method === 'getFile')).toBe(false);
  });

  it('hints at /help for an unknown command', async () => {
    api.sendCommand(alice, dm(alice), '/frobnicate');
    expect(text(await nextMessage(alice.id))).toBe(messages.en.unknownCommand);
  });

  it('lets an admin upload an article and then answers from it', async () => {
    api.sendDocument(admin, dm(admin), 'giraffes.txt', Buffer.from(NEW_ARTICLE), 'text/plain');
    const added = await nextMessage(admin.id, 30_000);
    expect(text(added)).toContain('✅');
    expect(text(added)).toContain('هجرة الزرافات');
    expect(existsSync(join(dataDir, 'giraffes.txt'))).toBe(true);

    api.sendText(omar, dm(omar), 'ما سبب هجرة الزرافات في سيرينغيتي؟');
    const reply = await nextMessage(omar.id);
    expect(text(reply)).toContain('الزرافات');
    expect(text(reply)).toContain('هجرة الزرافات في سهول سيرينغيتي');
  });

  it('refuses an unsuitable upload with the archive’s reason', async () => {
    api.sendDocument(admin, dm(admin), 'empty.txt', Buffer.from(''), 'text/plain');
    expect(text(await nextMessage(admin.id))).toContain('⛔');
    api.sendDocument(admin, dm(admin), 'photo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]), 'image/png');
    expect(text(await nextMessage(admin.id))).toContain('📎');
  });

  it('shows /stats and /sources to an admin', async () => {
    api.sendCommand(admin, dm(admin), '/stats');
    const stats = await nextMessage(admin.id);
    expect(text(stats)).toMatch(/المقالات: \d+\n/);
    expect(text(stats)).toContain('معجمي');
    api.sendCommand(admin, dm(admin), '/sources');
    const list = await nextMessage(admin.id);
    expect(text(list)).toContain('هجرة الزرافات');
  });

  it('re-indexes on /reindex in the background, one at a time, with progress in one message, while questions are answered at once', async () => {
    // Enough new files that the re-index takes a while (several seconds in lexical mode).
    const added = addCopies(dataDir, 60);
    api.sendCommand(admin, dm(admin), '/reindex');
    const status = await nextMessage(admin.id);
    expect(text(status)).toBe(stripBidi(messages.ar.reindexStarted));
    api.sendCommand(admin, dm(admin), '/reindex');
    const asked = Date.now();
    api.sendText(omar, dm(omar), 'منظمة معاهدة الأمن الجماعي');
    const again = await nextMessage(admin.id, 60_000);
    const answer = await nextMessage(omar.id, 60_000);
    // Both must be handled while the re-index is still running, and the answer must not wait for
    // it: indexing runs in the archive's worker thread, off the bot's event loop.
    const hint = 'updates were not handled during the re-index: does indexing run off the event loop?';
    expect(text(again), hint).toBe(stripBidi(messages.ar.reindexAlreadyRunning));
    expect(text(answer)).toContain('📰');
    expect(answer.at - asked, hint).toBeLessThan(1_000);
    const report = await api.waitForCall((c) => sent(admin.id)(c) && text(c).startsWith('✅'), 60_000);
    expect(answer.at, hint).toBeLessThan(report.at);
    expect(text(report)).toContain(`أُضيف: ${added} `);
    // Progress: edits of the one status message (which the report quotes), ~2 s apart, ending at all files done.
    const statusId = api.messagesTo(admin.id).find((m) => stripBidi(m.text).startsWith('🔄'))!.message_id;
    expect(quoted(report)).toBe(statusId);
    const edits = api.calls.filter((c) => c.method === 'editMessageText' && c.ok && Number(c.params.chat_id) === admin.id);
    expect(edits.length).toBeGreaterThan(0);
    expect(edits.every((c) => Number(c.params.message_id) === statusId)).toBe(true);
    edits.slice(1).forEach((c, i) => expect(c.at - edits[i]!.at).toBeGreaterThanOrEqual(1_900));
    expect(text(edits.at(-1)!)).toMatch(/الملفات: (\d+)\/\1 · الفقرات في الثانية: \d+/);
  });

  it('deletes an article for an admin', async () => {
    api.sendCommand(admin, dm(admin), '/delete giraffes.txt');
    const reply = await api.waitForCall((c) => sent(admin.id)(c) && text(c).startsWith('🗑'), 30_000);
    expect(text(reply)).toContain('هجرة الزرافات');
    expect(existsSync(join(dataDir, 'giraffes.txt'))).toBe(false);
  });

  it('broke no Telegram rule, never answered the unaddressed group message, never logged the token', () => {
    expect(api.rejected).toEqual([]);
    expect(api.calls.filter((c) => sent(group.id)(c) && quoted(c) === unaddressed)).toEqual([]);
    expect(bot.output()).not.toContain(api.token);
    expect(bot.output()).not.toContain(api.token.split(':')[1]);
  });

  it('exits 0 within 5 seconds of SIGTERM', async () => {
    await expectCleanStop(bot);
    expect(bot.output()).toContain('"msg":"stopped"');
  });
});

describe('sanad bot, end to end (webhook)', () => {
  const SECRET = 'e2e-secret_token';
  let port = 0;
  let hook: RunningBot;

  /** POST an update to the bot's webhook server as Telegram would. */
  const post = (path: string, body: unknown, secret?: string) =>
    fetch(`http://127.0.0.1:${port}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret && { 'x-telegram-bot-api-secret-token': secret }) },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    api = await startFakeBotApi();
    port = await freePort();
    hook = startBot(api, {
      env: {
        WEBHOOK_URL: 'https://sanad.example.com/telegram/hook',
        WEBHOOK_SECRET: SECRET,
        WEBHOOK_PORT: String(port),
      },
    });
    await api.waitForCall((c) => c.method === 'setWebhook' && c.ok, 90_000);
  }, 120_000);

  afterAll(async () => {
    hook.cleanup();
    await api.close();
  });

  it('registers the webhook with its secret token', () => {
    const call = api.calls.find((c) => c.method === 'setWebhook')!;
    expect(call.params.url).toBe('https://sanad.example.com/telegram/hook');
    expect(call.params.secret_token).toBe(SECRET);
    expect(api.calls.some((c) => c.method === 'getUpdates')).toBe(false);
  });

  it('answers an update posted with the secret, and refuses one without it', async () => {
    // The fake creates the chat and message; the update itself is delivered by POST, as Telegram does.
    const messageId = api.sendText(omar, dm(omar), QUESTION);
    const update = {
      update_id: 1,
      message: {
        message_id: messageId,
        date: Math.floor(Date.now() / 1000),
        chat: { id: omar.id, type: 'private', first_name: omar.first_name },
        from: { id: omar.id, is_bot: false, first_name: omar.first_name, language_code: 'ar' },
        text: QUESTION,
      },
    };
    expect((await post('/telegram/hook', update, 'wrong')).status).toBe(401);
    expect((await post('/telegram/hook', update)).status).toBe(401);
    expect((await post('/elsewhere', update, SECRET)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    const res = await post('/telegram/hook', update, SECRET);
    expect(res.status).toBe(200);
    const reply = await api.waitForCall(sent(omar.id), 20_000);
    expect(text(reply)).toContain('📰');
    expect(api.calls.filter(sent(omar.id))).toHaveLength(1);
  });

  it('exits 0 within 5 seconds of SIGTERM, broke no rule, never logged the token', async () => {
    await expectCleanStop(hook);
    expect(api.rejected).toEqual([]);
    expect(hook.output()).not.toContain(api.token);
    expect(hook.output()).not.toContain(SECRET);
  });
});

describe('sanad bot, stopped while indexing', () => {
  it('exits 0 within 5 seconds of SIGTERM in the middle of its first index', async () => {
    const fake = await startFakeBotApi();
    const busy = startBot(fake, { compiled: true, prepare: (dir) => addCopies(dir, 100) });
    try {
      while (!busy.output().includes('indexing the archive')) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 500));
      expect(busy.output()).not.toContain('archive indexed');
      await expectCleanStop(busy);
      expect(busy.output()).toContain('"msg":"stopped"');
    } finally {
      busy.cleanup();
      await fake.close();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
