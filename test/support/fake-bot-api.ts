/**
 * A local fake of the Telegram Bot API for end-to-end tests: an HTTP server on 127.0.0.1 that the bot
 * talks to through grammY (`client.apiRoot`), plus helpers that play users (their messages, button
 * presses, inline queries and documents become updates for getUpdates) and helpers that wait for and
 * inspect what the bot sent. Requests that break a Telegram rule get the error Telegram would answer
 * and are kept in `rejected`; the rules themselves live in ./telegram-rules.ts.
 *
 * Faults: `failNext` refuses the next request to a method with a 429, a 500 or a 400 "can't parse entities";
 * `block` makes a user block the bot (every request to their chat then gets Telegram's 403); a button
 * press made `ageMs` ago can no longer be answered ("query is too old"), as one queued while the bot was down.
 *
 * Flood control: `failNext` refuses one request with a 429; `storm` refuses every request (of one chat,
 * or all) for a while, each 429 carrying `retry_after` as Telegram's does, and then a request to a chat
 * before the `retry_after` it was given has passed is refused again and counts as a broken rule.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotCommand, Chat, Message, MessageEntity, Update, User } from 'grammy/types';
import {
  CHAT_ACTIONS,
  REACTION_EMOJI,
  TelegramError,
  badRequest,
  checkBotCommands,
  checkCaption,
  checkCommandTarget,
  checkInlineResults,
  checkMessageText,
  checkReplyMarkup,
  isObject,
  utf16Length,
  type FormattedText,
} from './telegram-rules.js';

/** A person the test plays. */
export interface FakeUser {
  id: number;
  first_name: string;
  username?: string;
  language_code?: string;
}

/** A chat the test plays in; a private chat's id is the user's id, as in Telegram. */
export interface FakeChat {
  id: number;
  type: 'private' | 'group' | 'supergroup';
  title?: string;
}

/** One request the bot made: the method name as sent, its parameters, when, and how it was answered. */
export interface BotCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
  ok: boolean;
  error?: string;
}

/** A message the bot sent, as it currently stands: `text` is what users see, `html` what the bot sent. */
export interface BotMessage {
  message_id: number;
  text: string;
  parse_mode?: string;
  html?: string;
  reply_markup?: unknown;
}

/** The fake server and its test helpers (see the module comment). */
export interface FakeBotApi {
  readonly apiRoot: string;
  readonly token: string;
  readonly botUser: { id: number; username: string; first_name: string };
  readonly calls: BotCall[];
  readonly rejected: BotCall[];
  sendText(from: FakeUser, chat: FakeChat, text: string, opts?: { replyToBot?: boolean }): number;
  sendCommand(from: FakeUser, chat: FakeChat, command: string): number;
  sendDocument(from: FakeUser, chat: FakeChat, fileName: string, bytes: Buffer, mime?: string): number;
  /** `ageMs`: the press was made that long ago (queued while the bot was down). */
  pressButton(from: FakeUser, chat: FakeChat, messageId: number, data: string, opts?: { ageMs?: number }): string;
  sendInlineQuery(from: FakeUser, query: string): string;
  waitForCall(pred: (c: BotCall) => boolean, timeoutMs?: number): Promise<BotCall>;
  messagesTo(chatId: number): BotMessage[];
  failNext(method: string, kind: FailureKind, retryAfter?: number): void;
  /** The user blocks the bot: requests to their private chat are refused with 403 from now on. */
  block(user: FakeUser): void;
  /** For `forMs`, answer every request (to `chatId`, or any chat-bound or query-answering request) with 429 retry_after `retryAfter` (at most the time left). */
  storm(opts: { forMs: number; retryAfter: number; chatId?: number }): void;
  close(): Promise<void>;
}

/**
 * Starts the fake Bot API on 127.0.0.1 (`port` 0, the default, picks a free port) and resolves once it
 * listens. Call `close()` when done.
 */
export async function startFakeBotApi(opts: { port?: number } = {}): Promise<FakeBotApi> {
  const fake = new FakeTelegram();
  await fake.listen(opts.port ?? 0);
  return fake;
}

type Params = Record<string, unknown>;

/** What `failNext` answers: a flood wait, a server error, or Telegram refusing the text's HTML. */
export type FailureKind = '429' | '500' | 'entities';

interface StoredMessage {
  message: Message;
  parseMode?: string;
  html?: string;
}

interface ChatState {
  chat: Chat;
  nextMessageId: number;
  messages: Map<number, StoredMessage>;
  chatInstance: string;
}

interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_path: string;
  bytes: Buffer;
}

interface UploadedFile {
  filename: string;
  bytes: Buffer;
}

interface ApiRequest {
  params: Params;
  files: Map<string, UploadedFile>;
  /** Registers a callback for the client going away before the answer was written. */
  onAbort(listener: () => void): void;
}

interface Poller {
  limit: number;
  timer: NodeJS.Timeout;
  settle(result: Update[] | TelegramError): void;
}

interface Waiter {
  pred: (c: BotCall) => boolean;
  resolve(call: BotCall): void;
  reject(err: Error): void;
  timer?: NodeJS.Timeout;
}

type Handler = (req: ApiRequest) => unknown;

const TOKEN = '123456:TEST-token-abcdefghij';
const BOT_USER = { id: 123456, is_bot: true as const, first_name: 'Sanad Test', username: 'sanad_test_bot' };
const MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;
const MAX_BODY_BYTES = 60 * 1024 * 1024;
const DEFAULT_WAIT_MS = 10_000;
/** Update types Telegram sends when `allowed_updates` was never set or set to []. */
const NOT_DEFAULT_UPDATES = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);
/** Form fields that stay strings; every other form field is read as JSON when it parses as JSON. */
const STRING_FORM_FIELDS = new Set([
  'text', 'caption', 'message_text', 'parse_mode', 'callback_query_id', 'inline_query_id', 'action', 'file_id',
  'url', 'next_offset', 'query', 'data', 'description', 'title', 'emoji', 'language_code', 'secret_token',
  'document', 'business_connection_id',
]);
const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current ' +
  'content and reply markup of the message';
const QUERY_INVALID = 'query is too old and response timeout expired or query ID is invalid';
/** How long Telegram waits for a button press to be answered; later answers are refused as QUERY_INVALID. */
const CALLBACK_ANSWER_TTL_MS = 15_000;
/** Telegram's answer to markup it cannot parse (what `failNext(…, 'entities')` gives). */
const PARSE_FAILURE = "can't parse entities: Unsupported start tag \"br\" at byte offset 12";
/** Methods flood control never refuses here: the bot's own set-up and polling. */
const NEVER_FLOODED = new Set(['getme', 'getupdates', 'setwebhook', 'deletewebhook', 'getwebhookinfo', 'setmycommands', 'getmycommands', 'getfile']);

class FakeTelegram implements FakeBotApi {
  readonly token = TOKEN;
  readonly botUser = { id: BOT_USER.id, username: BOT_USER.username, first_name: BOT_USER.first_name };
  readonly calls: BotCall[] = [];
  readonly rejected: BotCall[] = [];
  apiRoot = '';

  private readonly server = http.createServer((req, res) => {
    this.track(res);
    void this.route(req, res);
  });
  private readonly handlers: Record<string, Handler> = this.createHandlers();
  private readonly chats = new Map<number, ChatState>();
  private readonly files = new Map<string, StoredFile>();
  private readonly callbackQueries = new Map<string, { answered: boolean; at: number }>();
  private readonly blocked = new Set<string>();
  private readonly inlineQueries = new Map<string, { answered: boolean }>();
  private readonly commands = new Map<string, BotCommand[]>();
  private readonly failures = new Map<string, TelegramError[]>();
  private readonly storms: { until: number; retryAfter: number; chatId?: string }[] = [];
  /** Per chat: when the last 429 was given and until when it told the bot to wait. */
  private readonly floodUntil = new Map<string, { at: number; until: number }>();
  private readonly pollers = new Set<Poller>();
  private readonly waiters = new Set<Waiter>();
  private readonly consumed = new Set<BotCall>();
  /** One promise per request not yet answered, settled when its response is written or abandoned. */
  private readonly inFlight = new Set<Promise<void>>();
  private updates: Update[] = [];
  private nextUpdateId = 700_000_001;
  private nextId = 1;
  private allowedUpdates: string[] | undefined;
  private webhookUrl: string | undefined;
  private closed = false;

  /** Starts listening on 127.0.0.1:`port` and sets `apiRoot`. */
  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.apiRoot = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  // ------------------------------------------------------------------ users' side

  sendText(from: FakeUser, chat: FakeChat, text: string, opts: { replyToBot?: boolean } = {}): number {
    if (text === '' || utf16Length(text) > 4096) throw new Error('sendText: a Telegram text has 1-4096 characters');
    const state = this.joinChat(from, chat);
    const entities = detectEntities(text);
    const message = this.userMessage(state, from, { text, ...(entities.length > 0 && { entities }) });
    if (opts.replyToBot) message.reply_to_message = this.lastBotMessage(state);
    this.enqueueMessage(message);
    return message.message_id;
  }

  sendCommand(from: FakeUser, chat: FakeChat, command: string): number {
    if (!/^\/[A-Za-z0-9_]{1,32}(@\w+)?(\s|$)/.test(command)) {
      throw new Error(`sendCommand: "${command}" is not a bot command like /start`);
    }
    return this.sendText(from, chat, command);
  }

  sendDocument(from: FakeUser, chat: FakeChat, fileName: string, bytes: Buffer, mime?: string): number {
    const state = this.joinChat(from, chat);
    const document = this.storeFile(fileName, bytes, mime);
    const message = this.userMessage(state, from, { document });
    this.enqueueMessage(message);
    return message.message_id;
  }

  pressButton(from: FakeUser, chat: FakeChat, messageId: number, data: string, opts: { ageMs?: number } = {}): string {
    const state = this.joinChat(from, chat);
    const message = state.messages.get(messageId)?.message;
    if (!message || message.from?.id !== BOT_USER.id) {
      throw new Error(`pressButton: the bot has no message ${messageId} in chat ${chat.id}`);
    }
    if (!hasCallbackButton(message, data)) {
      throw new Error(`pressButton: message ${messageId} has no button with callback_data ${JSON.stringify(data)}`);
    }
    const id = this.newQueryId();
    this.callbackQueries.set(id, { answered: false, at: Date.now() - (opts.ageMs ?? 0) });
    this.enqueue({
      update_id: 0,
      callback_query: {
        id,
        from: telegramUser(from),
        message: structuredClone(message),
        chat_instance: state.chatInstance,
        data,
      },
    });
    return id;
  }

  sendInlineQuery(from: FakeUser, query: string): string {
    if (utf16Length(query) > 256) throw new Error('sendInlineQuery: an inline query has at most 256 characters');
    const id = this.newQueryId();
    this.inlineQueries.set(id, { answered: false });
    this.enqueue({ update_id: 0, inline_query: { id, from: telegramUser(from), query, offset: '', chat_type: 'sender' } });
    return id;
  }

  // ------------------------------------------------------------------ inspection

  waitForCall(pred: (c: BotCall) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<BotCall> {
    return new Promise<BotCall>((resolve, reject) => {
      const waiter: Waiter = { pred, resolve, reject };
      if (this.serve(waiter)) return;
      waiter.timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`waitForCall: no matching bot request within ${timeoutMs} ms; last requests:\n${this.lastCalls()}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  messagesTo(chatId: number): BotMessage[] {
    const state = this.chats.get(chatId);
    if (!state) return [];
    return [...state.messages.values()]
      .filter(({ message }) => message.from?.id === BOT_USER.id)
      .map(({ message, parseMode, html }) => ({
        message_id: message.message_id,
        text: message.text ?? message.caption ?? '',
        ...(parseMode !== undefined && { parse_mode: parseMode }),
        ...(html !== undefined && { html }),
        ...(message.reply_markup !== undefined && { reply_markup: message.reply_markup }),
      }));
  }

  failNext(method: string, kind: FailureKind, retryAfter = 1): void {
    const error =
      kind === '429'
        ? new TelegramError(429, `Too Many Requests: retry after ${retryAfter}`, retryAfter, false)
        : kind === 'entities'
          ? new TelegramError(400, `Bad Request: ${PARSE_FAILURE}`, undefined, false)
          : new TelegramError(500, 'Internal Server Error', undefined, false);
    const key = method.toLowerCase();
    this.failures.set(key, [...(this.failures.get(key) ?? []), error]);
  }

  block(user: FakeUser): void {
    this.blocked.add(String(user.id));
  }

  storm(opts: { forMs: number; retryAfter: number; chatId?: number }): void {
    this.storms.push({ until: Date.now() + opts.forMs, retryAfter: opts.retryAfter, chatId: opts.chatId === undefined ? undefined : String(opts.chatId) });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const poller of this.pollers) poller.settle([]);
    await Promise.all(this.inFlight); // let those answers reach the client before connections go
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error('waitForCall: the fake Bot API was closed'));
    }
    this.waiters.clear();
    const closing = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closing;
  }

  // ------------------------------------------------------------------ HTTP

  /** Counts the request as in flight until its response is written or the client goes away. */
  private track(res: http.ServerResponse): void {
    const done = new Promise<void>((resolve) => res.once('close', resolve));
    this.inFlight.add(done);
    void done.then(() => this.inFlight.delete(done));
  }

  private async route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    const api = /^\/bot([^/]+)\/([^/]*)$/.exec(url.pathname);
    const call: BotCall = { method: api?.[2] ?? url.pathname, params: {}, at: Date.now(), ok: false };
    try {
      // Both patterns' groups are mandatory, so a successful match always fills them.
      if (file) return this.download(call, file[1]!, decodeURIComponent(file[2]!), res);
      if (!api) throw new TelegramError(404, 'Not Found');
      const request = await readRequest(req, res, url);
      call.params = request.params;
      const result = await this.dispatch(api[1]!, api[2]!, request);
      this.record(call);
      send(res, 200, { ok: true, result });
    } catch (err) {
      this.answerError(call, res, err);
    }
  }

  private async dispatch(token: string, method: string, request: ApiRequest): Promise<unknown> {
    if (token !== this.token) throw new TelegramError(401, 'Unauthorized');
    const handler = this.handlers[method.toLowerCase()];
    if (!handler) throw new TelegramError(404, 'Not Found');
    this.floodControl(method.toLowerCase(), request.params);
    if (this.blocked.has(String(request.params.chat_id))) throw new TelegramError(403, 'Forbidden: bot was blocked by the user', undefined, false);
    const injected = this.failures.get(method.toLowerCase())?.shift();
    if (injected) throw injected;
    return handler(request);
  }

  /** Refuses a request with 429 during a storm, or (as a broken rule) before the chat's retry_after passed. */
  private floodControl(method: string, params: Params): void {
    if (NEVER_FLOODED.has(method)) return;
    const now = Date.now();
    const chat = params.chat_id === undefined ? undefined : String(params.chat_id);
    const flood = chat === undefined ? undefined : this.floodUntil.get(chat);
    const banned = flood ? flood.until - now : 0;
    const storm = this.storms.find((s) => s.until > now && (s.chatId === undefined || s.chatId === chat));
    if (banned <= 0 && !storm) return;
    const retryAfter = Math.max(1, Math.ceil(Math.max(banned, storm ? Math.min(storm.retryAfter * 1000, storm.until - now) : 0) / 1000));
    if (chat !== undefined) this.floodUntil.set(chat, { at: now, until: now + retryAfter * 1000 });
    // A request that was already on its way when the 429 was given (within 100 ms) is no offence, and
    // timers may fire a millisecond early: only a request well inside the wait breaks the rule.
    const early = flood !== undefined && now - flood.at > 100 && banned > 50;
    throw new TelegramError(429, `Too Many Requests: retry after ${retryAfter}`, retryAfter, early);
  }

  private answerError(call: BotCall, res: http.ServerResponse, err: unknown): void {
    const error = err instanceof TelegramError ? err : new TelegramError(500, `Internal Server Error: ${String(err)}`);
    call.error = error.description;
    this.record(call, error.breaksRule);
    send(res, error.status, {
      ok: false,
      error_code: error.status,
      description: error.description,
      ...(error.retryAfter !== undefined && { parameters: { retry_after: error.retryAfter } }),
    });
  }

  private download(call: BotCall, token: string, filePath: string, res: http.ServerResponse): void {
    call.method = 'downloadFile';
    call.params = { file_path: filePath };
    if (token !== this.token) throw new TelegramError(401, 'Unauthorized');
    const file = [...this.files.values()].find((f) => f.file_path === filePath);
    if (!file) throw new TelegramError(404, 'Not Found');
    this.record(call);
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.bytes.length });
    res.end(file.bytes);
  }

  /** Appends a finished request to `calls` (and `rejected` when it broke a rule) and wakes waiters. */
  private record(call: BotCall, brokeRule = false): void {
    call.ok = call.error === undefined;
    this.calls.push(call);
    if (brokeRule) this.rejected.push(call);
    // Each waiter already looked at every earlier call when it started waiting: only the new one can
    // serve it now, and only the first waiter it matches (O(waiters) per call, so load runs stay cheap).
    for (const waiter of this.waiters) {
      let matches: boolean;
      try {
        matches = waiter.pred(call);
      } catch (err) {
        this.finishWait(waiter, () => waiter.reject(err instanceof Error ? err : new Error(String(err))));
        continue;
      }
      if (!matches) continue;
      this.consumed.add(call);
      this.finishWait(waiter, () => waiter.resolve(call));
      break;
    }
  }

  /** Hands the waiter the first matching call no earlier wait took; true when it was served. */
  private serve(waiter: Waiter): boolean {
    let match: BotCall | undefined;
    try {
      match = this.calls.find((c) => !this.consumed.has(c) && waiter.pred(c));
    } catch (err) {
      this.finishWait(waiter, () => waiter.reject(err instanceof Error ? err : new Error(String(err))));
      return true;
    }
    if (!match) return false;
    const found = match;
    this.consumed.add(found);
    this.finishWait(waiter, () => waiter.resolve(found));
    return true;
  }

  private finishWait(waiter: Waiter, settle: () => void): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
    settle();
  }

  private lastCalls(): string {
    const last = this.calls.slice(-8);
    if (last.length === 0) return '  (none)';
    return last
      .map((c) => `  ${c.method} ${c.ok ? 'ok' : `failed: ${c.error}`} ${JSON.stringify(c.params).slice(0, 200)}`)
      .join('\n');
  }

  // ------------------------------------------------------------------ methods

  private createHandlers(): Record<string, Handler> {
    const table: Record<string, Handler> = {
      getMe: () => ({
        ...BOT_USER,
        can_join_groups: true,
        can_read_all_group_messages: false,
        supports_inline_queries: true,
        can_connect_to_business: false,
        has_main_web_app: false,
      }),
      getUpdates: (r) => this.getUpdates(r),
      setWebhook: ({ params }) => this.setWebhook(params),
      deleteWebhook: ({ params }) => this.deleteWebhook(params),
      getWebhookInfo: () => ({ url: this.webhookUrl ?? '', has_custom_certificate: false, pending_update_count: this.updates.length }),
      setMyCommands: ({ params }) => this.setMyCommands(params),
      getMyCommands: ({ params }) => this.getMyCommands(params),
      deleteMyCommands: ({ params }) => this.deleteMyCommands(params),
      sendMessage: ({ params }) => this.sendMessage(params),
      editMessageText: ({ params }) => this.editMessageText(params),
      editMessageReplyMarkup: ({ params }) => this.editMessageReplyMarkup(params),
      deleteMessage: ({ params }) => this.deleteMessage(params),
      sendChatAction: ({ params }) => this.sendChatAction(params),
      answerCallbackQuery: ({ params }) => this.answerCallbackQuery(params),
      answerInlineQuery: ({ params }) => this.answerInlineQuery(params),
      getFile: ({ params }) => this.getFile(params),
      sendDocument: (r) => this.sendBotDocument(r),
      setMessageReaction: ({ params }) => this.setMessageReaction(params),
    };
    return Object.fromEntries(Object.entries(table).map(([name, handler]) => [name.toLowerCase(), handler]));
  }

  private getUpdates({ params, onAbort }: ApiRequest): Update[] | Promise<Update[]> {
    if (this.webhookUrl !== undefined) {
      throw new TelegramError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    this.confirmUpdates(integer(params.offset) ?? 0);
    if (Array.isArray(params.allowed_updates)) {
      this.allowedUpdates = params.allowed_updates.length > 0 ? params.allowed_updates.map(String) : undefined;
    }
    const limit = Math.min(100, Math.max(1, integer(params.limit) ?? 100));
    const timeout = Math.max(0, Number(params.timeout ?? 0) || 0);
    for (const poller of this.pollers) {
      poller.settle(new TelegramError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running', undefined, false));
    }
    const ready = this.deliverable(limit);
    if (ready.length > 0 || timeout === 0 || this.closed) return ready;
    return new Promise<Update[]>((resolve, reject) => {
      const poller: Poller = {
        limit,
        timer: setTimeout(() => poller.settle([]), timeout * 1000),
        settle: (result) => {
          clearTimeout(poller.timer);
          this.pollers.delete(poller);
          if (result instanceof TelegramError) reject(result);
          else resolve(result);
        },
      };
      this.pollers.add(poller);
      onAbort(() => poller.settle([]));
    });
  }

  /** A positive offset confirms every update below it; a negative one keeps only the last -offset. */
  private confirmUpdates(offset: number): void {
    if (offset > 0) this.updates = this.updates.filter((u) => u.update_id >= offset);
    else if (offset < 0) this.updates = this.updates.slice(offset);
  }

  /** The first `limit` pending updates of allowed types; others are dropped as Telegram never makes them. */
  private deliverable(limit: number): Update[] {
    this.updates = this.updates.filter((u) => this.isAllowed(u));
    return this.updates.slice(0, limit);
  }

  private isAllowed(update: Update): boolean {
    const type = Object.keys(update).find((key) => key !== 'update_id') ?? '';
    return this.allowedUpdates ? this.allowedUpdates.includes(type) : !NOT_DEFAULT_UPDATES.has(type);
  }

  private enqueue(update: Update): void {
    this.updates.push({ ...update, update_id: this.nextUpdateId++ });
    for (const poller of this.pollers) {
      const ready = this.deliverable(poller.limit);
      if (ready.length > 0) poller.settle(ready);
    }
  }

  /** Queues a user's message; chats here are never channels, which Update['message'] demands. */
  private enqueueMessage(message: Message): void {
    this.enqueue({ update_id: 0, message: structuredClone(message) as Update['message'] });
  }

  private setWebhook(params: Params): true {
    const url = String(params.url ?? '');
    if (url === '') {
      this.webhookUrl = undefined;
      return true;
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw badRequest('bad webhook: Failed to resolve host: Name or service not known');
    }
    if (parsed.protocol !== 'https:') throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
    if (!['', '80', '88', '443', '8443'].includes(parsed.port)) {
      throw badRequest('bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443');
    }
    this.webhookUrl = url;
    return true;
  }

  private deleteWebhook(params: Params): true {
    this.webhookUrl = undefined;
    if (params.drop_pending_updates === true) this.updates = [];
    return true;
  }

  private setMyCommands(params: Params): true {
    checkBotCommands(params.commands);
    checkCommandTarget(params.language_code, params.scope);
    const commands = (params.commands as BotCommand[]).map(({ command, description }) => ({ command, description }));
    this.commands.set(commandsKey(params), commands);
    return true;
  }

  private getMyCommands(params: Params): BotCommand[] {
    checkCommandTarget(params.language_code, params.scope);
    return this.commands.get(commandsKey(params)) ?? [];
  }

  private deleteMyCommands(params: Params): true {
    checkCommandTarget(params.language_code, params.scope);
    this.commands.delete(commandsKey(params));
    return true;
  }

  private sendMessage(params: Params): Message {
    const state = this.knownChat(params.chat_id);
    const formatted = checkMessageText(params.text, params.parse_mode);
    if (params.reply_markup !== undefined) checkReplyMarkup(params.reply_markup, false);
    return this.storeBotMessage(state, params, formatted, { text: formatted.text }, params.text as string);
  }

  private editMessageText(params: Params): Message {
    const stored = this.editableMessage(params);
    if (stored.message.text === undefined) throw badRequest('there is no text in the message to edit');
    const formatted = checkMessageText(params.text, params.parse_mode);
    const markup = this.editedMarkup(params);
    const entities = formatted.entities.length > 0 ? formatted.entities : undefined;
    if (
      stored.message.text === formatted.text &&
      sameJson(stored.message.entities, entities) &&
      sameJson(stored.message.reply_markup, markup)
    ) {
      throw badRequest(NOT_MODIFIED);
    }
    Object.assign(stored.message, { text: formatted.text, entities, reply_markup: markup, edit_date: now() });
    Object.assign(stored, parseModeFields(params.parse_mode, params.text as string));
    return dropUndefined(stored.message);
  }

  private editMessageReplyMarkup(params: Params): Message {
    const stored = this.editableMessage(params);
    const markup = this.editedMarkup(params);
    if (sameJson(stored.message.reply_markup, markup)) throw badRequest(NOT_MODIFIED);
    Object.assign(stored.message, { reply_markup: markup, edit_date: now() });
    return dropUndefined(stored.message);
  }

  private deleteMessage(params: Params): true {
    const state = this.knownChat(params.chat_id);
    const id = integer(params.message_id);
    const message = id === undefined ? undefined : state.messages.get(id)?.message;
    if (!message) throw badRequest('message to delete not found');
    if (message.from?.id !== BOT_USER.id && state.chat.type !== 'private') throw badRequest("message can't be deleted");
    state.messages.delete(message.message_id);
    return true;
  }

  private sendChatAction(params: Params): true {
    this.knownChat(params.chat_id);
    if (!CHAT_ACTIONS.has(String(params.action))) throw badRequest('wrong parameter action in request');
    return true;
  }

  private answerCallbackQuery(params: Params): true {
    const query = this.callbackQueries.get(String(params.callback_query_id));
    if (!query || query.answered) throw badRequest(QUERY_INVALID);
    // Too late is no broken rule: the bot could not have answered a press made while it was down.
    if (Date.now() - query.at > CALLBACK_ANSWER_TTL_MS) throw new TelegramError(400, `Bad Request: ${QUERY_INVALID}`, undefined, false);
    if (params.text !== undefined && utf16Length(String(params.text)) > 200) throw badRequest('MESSAGE_TOO_LONG');
    query.answered = true;
    return true;
  }

  private answerInlineQuery(params: Params): true {
    const query = this.inlineQueries.get(String(params.inline_query_id));
    if (!query || query.answered) throw badRequest(QUERY_INVALID);
    checkInlineResults(params.results, params.next_offset);
    checkInlineButton(params.button);
    query.answered = true;
    return true;
  }

  private getFile(params: Params): Omit<StoredFile, 'bytes'> & { file_size: number } {
    const file = this.files.get(String(params.file_id));
    if (!file) throw badRequest('invalid file_id');
    if (file.bytes.length > MAX_DOWNLOAD_BYTES) throw badRequest('file is too big');
    const { file_id, file_unique_id, file_path } = file;
    return { file_id, file_unique_id, file_size: file.bytes.length, file_path };
  }

  /** sendDocument with an uploaded file (attach:// or a `document` file part) or a known file_id. */
  private sendBotDocument({ params, files }: ApiRequest): Message {
    const state = this.knownChat(params.chat_id);
    const caption = checkCaption(params.caption, params.parse_mode);
    if (params.reply_markup !== undefined) checkReplyMarkup(params.reply_markup, false);
    const document = this.documentToSend(params.document, files);
    const fields = { document, ...(caption && { caption: caption.text }) };
    const formatted = caption ?? { text: '', entities: [] };
    return this.storeBotMessage(state, params, formatted, fields, params.caption as string | undefined);
  }

  private documentToSend(document: unknown, files: Map<string, UploadedFile>): NonNullable<Message['document']> {
    const attached = typeof document === 'string' && document.startsWith('attach://') ? files.get(document.slice(9)) : undefined;
    const upload = attached ?? files.get('document');
    if (upload) return this.storeFile(upload.filename, upload.bytes);
    const known = typeof document === 'string' ? this.files.get(document) : undefined;
    if (!known) throw badRequest('wrong file identifier/HTTP URL specified');
    return documentOf(known);
  }

  private setMessageReaction(params: Params): true {
    const state = this.knownChat(params.chat_id);
    const id = integer(params.message_id);
    if (id === undefined || !state.messages.has(id)) throw badRequest('message to react not found');
    const reactions = params.reaction ?? [];
    if (!Array.isArray(reactions)) throw badRequest('REACTION_INVALID');
    if (reactions.length > 1) throw badRequest('REACTIONS_TOO_MANY');
    for (const r of reactions) {
      if (!isObject(r) || r.type !== 'emoji' || !REACTION_EMOJI.has(String(r.emoji))) throw badRequest('REACTION_INVALID');
    }
    return true;
  }

  // ------------------------------------------------------------------ state helpers

  private knownChat(chatId: unknown): ChatState {
    if (chatId === undefined || chatId === '') throw badRequest('chat_id is empty');
    const id = typeof chatId === 'string' && /^-?\d+$/.test(chatId) ? Number(chatId) : chatId;
    const state = typeof id === 'number' ? this.chats.get(id) : undefined;
    if (!state) throw badRequest('chat not found');
    return state;
  }

  /** The bot's own chat message named by chat_id + message_id (inline messages are not simulated). */
  private editableMessage(params: Params): StoredMessage {
    if (params.inline_message_id !== undefined) throw badRequest('inline_message_id is not supported by the fake Bot API');
    const state = this.knownChat(params.chat_id);
    const id = integer(params.message_id);
    const stored = id === undefined ? undefined : state.messages.get(id);
    if (!stored) throw badRequest('message to edit not found');
    if (stored.message.from?.id !== BOT_USER.id) throw badRequest("message can't be edited");
    return stored;
  }

  /** An edit without reply_markup removes the inline keyboard, as in Telegram. */
  private editedMarkup(params: Params): Message['reply_markup'] {
    if (params.reply_markup === undefined) return undefined;
    checkReplyMarkup(params.reply_markup, true);
    return params.reply_markup as Message['reply_markup'];
  }

  private storeBotMessage(
    state: ChatState,
    params: Params,
    formatted: FormattedText,
    fields: Partial<Message>,
    source: string | undefined,
  ): Message {
    const replyTo = this.replyTarget(state, params);
    const markup = isObject(params.reply_markup) && 'inline_keyboard' in params.reply_markup ? params.reply_markup : undefined;
    const entityField = fields.caption !== undefined ? 'caption_entities' : 'entities';
    const message = {
      message_id: state.nextMessageId++,
      from: { ...BOT_USER },
      chat: state.chat,
      date: now(),
      ...(replyTo && { reply_to_message: replyTo }),
      ...fields,
      ...(formatted.entities.length > 0 && { [entityField]: formatted.entities }),
      ...(markup && { reply_markup: markup }),
    } as Message;
    state.messages.set(message.message_id, { message, ...parseModeFields(params.parse_mode, source) });
    return structuredClone(message);
  }

  private replyTarget(state: ChatState, params: Params): Message['reply_to_message'] {
    const reply = isObject(params.reply_parameters) ? params.reply_parameters : undefined;
    const id = integer(reply?.message_id ?? params.reply_to_message_id);
    if (id === undefined) return undefined;
    const target = state.messages.get(id)?.message;
    if (target) return stripReply(target);
    if (reply?.allow_sending_without_reply === true || params.allow_sending_without_reply === true) return undefined;
    throw badRequest('message to be replied not found');
  }

  private joinChat(from: FakeUser, chat: FakeChat): ChatState {
    if (chat.type === 'private' && chat.id !== from.id) {
      throw new Error(`a private chat's id is its user's id: chat ${chat.id} vs user ${from.id}`);
    }
    const existing = this.chats.get(chat.id);
    if (existing) return existing;
    const state: ChatState = {
      chat: telegramChat(from, chat),
      nextMessageId: 1,
      messages: new Map(),
      chatInstance: String(this.nextId++ * 7919 + 4_611_686_018_427),
    };
    this.chats.set(chat.id, state);
    return state;
  }

  private userMessage(state: ChatState, from: FakeUser, fields: Partial<Message>): Message {
    const message = { message_id: state.nextMessageId++, from: telegramUser(from), chat: state.chat, date: now(), ...fields } as Message;
    state.messages.set(message.message_id, { message });
    return message;
  }

  private lastBotMessage(state: ChatState): NonNullable<Message['reply_to_message']> {
    const mine = [...state.messages.values()].filter(({ message }) => message.from?.id === BOT_USER.id);
    const last = mine.at(-1);
    if (!last) throw new Error(`sendText: replyToBot, but the bot has no message in chat ${state.chat.id}`);
    return stripReply(last.message);
  }

  private storeFile(fileName: string, bytes: Buffer, mime?: string): NonNullable<Message['document']> {
    const n = this.nextId++;
    const extension = /\.[A-Za-z0-9]{1,8}$/.exec(fileName)?.[0] ?? '';
    const file: StoredFile = {
      file_id: `BQACAgIAAxkBAAI${String(n).padStart(6, '0')}fake`,
      file_unique_id: `AgAD${String(n).padStart(4, '0')}`,
      file_path: `documents/file_${n}${extension}`,
      bytes: Buffer.from(bytes),
    };
    this.files.set(file.file_id, file);
    return { ...documentOf(file), file_name: fileName, mime_type: mime ?? guessMime(fileName) };
  }

  private newQueryId(): string {
    return (BigInt(BOT_USER.id) * 10_000_000_000n + BigInt(this.nextId++)).toString();
  }
}

// ------------------------------------------------------------------ request parsing

/** Reads the parameters of a Bot API request: query string plus a JSON, url-encoded or multipart body. */
async function readRequest(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<ApiRequest> {
  const body = await readBody(req);
  const type = (req.headers['content-type'] ?? '').toLowerCase();
  const params: Params = Object.fromEntries([...url.searchParams].map(([k, v]) => [k, coerceFormValue(k, v)]));
  let files = new Map<string, UploadedFile>();
  if (body.length > 0 && type.startsWith('application/json')) Object.assign(params, parseJsonBody(body));
  else if (body.length > 0 && type.startsWith('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params[k] = coerceFormValue(k, v);
  } else if (body.length > 0 && type.startsWith('multipart/form-data')) {
    const form = parseMultipart(body, req.headers['content-type'] ?? '');
    Object.assign(params, form.fields);
    files = form.files;
  }
  const onAbort = (listener: () => void): void => {
    res.once('close', () => {
      if (!res.writableEnded) listener();
    });
  };
  return { params, files, onAbort };
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_BODY_BYTES ? reject(new TelegramError(413, 'ApiRequest Entity Too Large')) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

function parseJsonBody(body: Buffer): Params {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw badRequest("can't parse JSON-encoded request body");
  }
  if (!isObject(parsed)) throw badRequest('request body must be a JSON object');
  return parsed;
}

/** Form fields carry JSON-serialized values (numbers, objects) except the plain-text fields. */
function coerceFormValue(key: string, value: string): unknown {
  if (STRING_FORM_FIELDS.has(key)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Splits a multipart/form-data body into fields and files; tolerant of header spacing and quoting. */
function parseMultipart(body: Buffer, contentType: string): { fields: Params; files: Map<string, UploadedFile> } {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  if (!boundary) throw badRequest('multipart/form-data without boundary');
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const fields: Params = {};
  const files = new Map<string, UploadedFile>();
  let pos = body.indexOf(delimiter);
  while (pos !== -1) {
    let start = pos + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    if (body.subarray(start, start + 2).toString() === '\r\n') start += 2;
    const next = body.indexOf(delimiter, start);
    if (next === -1) throw badRequest('unterminated multipart/form-data body');
    const end = body.subarray(next - 2, next).toString() === '\r\n' ? next - 2 : next;
    addPart(body.subarray(start, end), fields, files);
    pos = next;
  }
  return { fields, files };
}

function addPart(part: Buffer, fields: Params, files: Map<string, UploadedFile>): void {
  const headerEnd = part.indexOf('\r\n\r\n');
  if (headerEnd === -1) throw badRequest('malformed multipart/form-data part');
  const headers = part.subarray(0, headerEnd).toString('utf8');
  const content = part.subarray(headerEnd + 4);
  const disposition = headers.split('\r\n').find((line) => /^content-disposition\s*:/i.test(line)) ?? '';
  const name = /\bname\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(disposition);
  if (!name) throw badRequest('multipart/form-data part without a name');
  // One alternative of each pattern always matches, so these checks never fire; they narrow the types.
  const key = name[1] ?? name[2];
  if (key === undefined) throw badRequest('multipart/form-data part without a name');
  const filename = /\bfilename\s*=\s*(?:"([^"]*)"|([^;\r\n]+))/i.exec(disposition);
  if (filename) {
    const value = filename[1] ?? filename[2];
    if (value === undefined) throw badRequest('multipart/form-data part with a malformed filename');
    files.set(key, { filename: value.trim(), bytes: Buffer.from(content) });
  } else fields[key] = coerceFormValue(key, content.toString('utf8'));
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const json = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

// ------------------------------------------------------------------ Telegram objects

function telegramUser(user: FakeUser): User {
  return {
    id: user.id,
    is_bot: false,
    first_name: user.first_name,
    ...(user.username !== undefined && { username: user.username }),
    ...(user.language_code !== undefined && { language_code: user.language_code }),
  };
}

function telegramChat(from: FakeUser, chat: FakeChat): Chat {
  if (chat.type === 'private') {
    return { id: chat.id, type: 'private', first_name: from.first_name, ...(from.username !== undefined && { username: from.username }) };
  }
  return { id: chat.id, type: chat.type, title: chat.title ?? 'Test group' } as Chat;
}

/** The entities Telegram's clients mark in a user's text: bot commands and @mentions. */
function detectEntities(text: string): MessageEntity[] {
  const found: MessageEntity[] = [];
  for (const m of text.matchAll(/(?<![\w/])\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?/g)) {
    found.push({ type: 'bot_command', offset: m.index, length: m[0].length });
  }
  for (const m of text.matchAll(/(?<![\w@/])@[A-Za-z0-9_]{5,32}(?![\w@])/g)) {
    found.push({ type: 'mention', offset: m.index, length: m[0].length });
  }
  return found.sort((a, b) => a.offset - b.offset);
}

function hasCallbackButton(message: Message, data: string): boolean {
  const rows = message.reply_markup?.inline_keyboard ?? [];
  return rows.some((row) => row.some((button) => 'callback_data' in button && button.callback_data === data));
}

function checkInlineButton(button: unknown): void {
  if (button === undefined) return;
  if (!isObject(button) || typeof button.text !== 'string' || button.text === '') {
    throw badRequest("can't parse InlineQueryResultsButton: Field \"text\" must be of type String");
  }
  const start = button.start_parameter;
  if (start !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(String(start))) throw badRequest('START_PARAM_INVALID');
}

function documentOf(file: StoredFile): NonNullable<Message['document']> {
  return { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.bytes.length };
}

/** A reply_to_message carries the replied message without its own reply. */
function stripReply(message: Message): NonNullable<Message['reply_to_message']> {
  const { reply_to_message: _nested, ...rest } = structuredClone(message);
  return rest as NonNullable<Message['reply_to_message']>;
}

function parseModeFields(parseMode: unknown, source: string | undefined): Pick<StoredMessage, 'parseMode' | 'html'> {
  if (typeof parseMode !== 'string' || parseMode === '') return { parseMode: undefined, html: undefined };
  return { parseMode, html: parseMode.toLowerCase() === 'html' ? source : undefined };
}

function commandsKey(params: Params): string {
  const scope = isObject(params.scope) ? params.scope : { type: 'default' };
  return JSON.stringify([scope.type, scope.chat_id ?? null, scope.user_id ?? null, params.language_code ?? '']);
}

function guessMime(fileName: string): string {
  const types: Record<string, string> = {
    txt: 'text/plain', html: 'text/html', htm: 'text/html', csv: 'text/csv', json: 'application/json',
    pdf: 'application/pdf', xml: 'application/xml', md: 'text/markdown', zip: 'application/zip',
  };
  return types[fileName.split('.').pop()?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

function integer(value: unknown): number | undefined {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) ? n : undefined;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function dropUndefined(message: Message): Message {
  return JSON.parse(JSON.stringify(message)) as Message;
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}
