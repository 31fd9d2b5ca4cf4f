/**
 * Telegram Bot API rules used by the fake Bot API server (test/support/fake-bot-api.ts): the HTML
 * parse mode, text limits, reply markup, bot commands and inline query results. Every check throws a
 * `TelegramError` carrying the status and description the real API answers with (or, where Telegram's
 * exact wording is unknown or the fake is stricter than Telegram, a description in the same style).
 */
import type { MessageEntity } from 'grammy/types';

/**
 * An error answer of the Bot API: HTTP status, `description`, and `parameters.retry_after` for 429.
 * `breaksRule` is false for errors that are not the request's fault (injected flood control, a long
 * poll ended by a newer one).
 */
export class TelegramError extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
    readonly retryAfter?: number,
    readonly breaksRule = true,
  ) {
    super(description);
    this.name = 'TelegramError';
  }
}

/** A 400 answer: `Bad Request: <detail>`. */
export function badRequest(detail: string): TelegramError {
  return new TelegramError(400, `Bad Request: ${detail}`);
}

/** Text as Telegram shows it (markup removed, entities decoded) plus the entities the markup produced. */
export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

/** Length in UTF-16 code units, the unit of every Telegram text limit and entity offset. */
export function utf16Length(text: string): number {
  return text.length;
}

/** Length in UTF-8 bytes, the unit of `callback_data`, inline result ids and `next_offset`. */
export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

// ---------------------------------------------------------------------------------------------
// HTML parse mode
// ---------------------------------------------------------------------------------------------

const HTML_TAGS = new Set([
  'a', 'b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'span', 'tg-spoiler', 'tg-emoji', 'tg-time',
  'code', 'pre', 'blockquote',
]);

const SIMPLE_TAG_ENTITIES: Record<string, MessageEntity['type']> = {
  b: 'bold', strong: 'bold', i: 'italic', em: 'italic', u: 'underline', ins: 'underline',
  s: 'strikethrough', strike: 'strikethrough', del: 'strikethrough', span: 'spoiler', 'tg-spoiler': 'spoiler',
  code: 'code',
};

const NAMED_HTML_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

const DATE_TIME_FORMAT = /^(r|w?[dD]?[tT]?)$/;

interface OpenTag {
  name: string;
  attributes: Map<string, string>;
  offset: number;
  bytePos: number;
}

/** Parse failure; the description becomes `Bad Request: can't parse entities: <message>`. */
class HtmlParseError extends Error {}

/**
 * Parses text written in Telegram's HTML parse mode like the Bot API does: the supported tags, `&lt;`
 * `&gt;` `&amp;` `&quot;` and numeric character references. Throws `Bad Request: can't parse entities: …`
 * for an unsupported tag (so also a bare `<`), an unclosed, unmatched or unexpected tag and - stricter
 * than Telegram, which passes it through, but as its documentation demands - a `&` that does not start
 * one of those character references. A bare `>` is accepted, as Telegram does.
 */
export function parseHtml(html: string): FormattedText {
  try {
    return new HtmlParser(html).parse();
  } catch (err) {
    if (err instanceof HtmlParseError) throw badRequest(`can't parse entities: ${err.message}`);
    throw err;
  }
}

class HtmlParser {
  private pos = 0;
  private out = '';
  private readonly open: OpenTag[] = [];
  private readonly entities: MessageEntity[] = [];
  /** Languages of `<code class="language-x">`; only an enclosing `<pre>` may use them. */
  private readonly codeLanguages = new Map<MessageEntity, string>();

  constructor(private readonly html: string) {}

  parse(): FormattedText {
    while (this.pos < this.html.length) {
      const c = this.html[this.pos];
      if (c === '&') this.out += this.readCharacterReference();
      else if (c === '<' && this.html[this.pos + 1] === '/') this.readEndTag();
      else if (c === '<') this.readStartTag();
      else this.out += this.html[this.pos++];
    }
    const unclosed = this.open.at(-1);
    if (unclosed) throw new HtmlParseError(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
    return { text: this.out, entities: sortEntities(this.entities) };
  }

  private byteOffset(pos: number): number {
    return utf8Length(this.html.slice(0, pos));
  }

  private readCharacterReference(): string {
    const match = /^&(?:#(\d{1,8})|#[xX]([0-9a-fA-F]{1,7})|([a-zA-Z]+));/.exec(this.html.slice(this.pos, this.pos + 16));
    const decoded = match ? decodeCharacterReference(match) : undefined;
    if (decoded === undefined) {
      throw new HtmlParseError(
        `Character entity expected at byte offset ${this.byteOffset(this.pos)}: write "&" as "&amp;"`,
      );
    }
    this.pos += match![0].length;
    return decoded;
  }

  private readStartTag(): void {
    const start = this.pos;
    const nameEnd = this.skipUntil(this.pos + 1, (ch) => isSpace(ch) || ch === '>');
    if (nameEnd >= this.html.length) throw new HtmlParseError(`Unclosed start tag at byte offset ${this.byteOffset(start)}`);
    const name = this.html.slice(start + 1, nameEnd).toLowerCase();
    if (!HTML_TAGS.has(name)) {
      throw new HtmlParseError(`Unsupported start tag "${name}" at byte offset ${this.byteOffset(start)}`);
    }
    this.pos = nameEnd;
    const attributes = this.readAttributes(name, start);
    this.pos++; // '>'
    if (name === 'span' && attributes.get('class') !== 'tg-spoiler') {
      throw new HtmlParseError(`Tag "span" must have class "tg-spoiler" at byte offset ${this.byteOffset(start)}`);
    }
    this.open.push({ name, attributes, offset: utf16Length(this.out), bytePos: start });
  }

  /** Reads `name="value"`, `name='value'`, `name=token` and the bare `expandable` of blockquote. */
  private readAttributes(tag: string, tagStart: number): Map<string, string> {
    const attributes = new Map<string, string>();
    const unclosed = (): HtmlParseError =>
      new HtmlParseError(`Unclosed start tag "${tag}" at byte offset ${this.byteOffset(tagStart)}`);
    for (;;) {
      this.pos = this.skipUntil(this.pos, (ch) => !isSpace(ch));
      if (this.pos >= this.html.length) throw unclosed();
      if (this.html[this.pos] === '>') return attributes;
      const nameStart = this.pos;
      this.pos = this.skipUntil(this.pos, (ch) => isSpace(ch) || ch === '=' || ch === '>');
      const name = this.html.slice(nameStart, this.pos).toLowerCase();
      if (name === '') {
        throw new HtmlParseError(`Empty attribute name in the tag "${tag}" at byte offset ${this.byteOffset(tagStart)}`);
      }
      this.pos = this.skipUntil(this.pos, (ch) => !isSpace(ch));
      if (this.html[this.pos] !== '=') {
        if (tag === 'blockquote' && name === 'expandable') {
          attributes.set(name, '');
          continue;
        }
        throw new HtmlParseError(
          `Expected equal sign in declaration of an attribute of the tag "${tag}" at byte offset ${this.byteOffset(tagStart)}`,
        );
      }
      this.pos = this.skipUntil(this.pos + 1, (ch) => !isSpace(ch));
      if (this.pos >= this.html.length) throw unclosed();
      attributes.set(name, this.readAttributeValue());
      if (this.pos >= this.html.length) throw unclosed();
    }
  }

  private readAttributeValue(): string {
    const quote = this.html[this.pos];
    if (quote !== '"' && quote !== "'") {
      const tokenStart = this.pos;
      this.pos = this.skipUntil(this.pos, (ch) => !/[A-Za-z0-9.-]/.test(ch));
      if (this.pos < this.html.length && !isSpace(this.html[this.pos]!) && this.html[this.pos] !== '>') {
        throw new HtmlParseError(`Unexpected end of name token at byte offset ${this.byteOffset(tokenStart)}`);
      }
      return this.html.slice(tokenStart, this.pos).toLowerCase();
    }
    let value = '';
    this.pos++;
    while (this.pos < this.html.length && this.html[this.pos] !== quote) {
      value += this.html[this.pos] === '&' ? this.readCharacterReference() : this.html[this.pos++];
    }
    this.pos++; // closing quote
    return value;
  }

  private readEndTag(): void {
    const start = this.pos;
    const tag = this.open.pop();
    if (!tag) throw new HtmlParseError(`Unexpected end tag at byte offset ${this.byteOffset(start)}`);
    const nameEnd = this.skipUntil(start + 2, (ch) => isSpace(ch) || ch === '>');
    const name = this.html.slice(start + 2, nameEnd).toLowerCase();
    this.pos = this.skipUntil(nameEnd, (ch) => !isSpace(ch));
    if (this.html[this.pos] !== '>') throw new HtmlParseError(`Unclosed end tag at byte offset ${this.byteOffset(start)}`);
    if (name !== '' && name !== tag.name) {
      throw new HtmlParseError(
        `Unmatched end tag at byte offset ${this.byteOffset(start)}, expected "</${tag.name}>", found "</${name}>"`,
      );
    }
    this.pos++;
    this.closeEntity(tag);
  }

  /** Adds the entity of a closed tag; empty ones are dropped, as Telegram drops them. */
  private closeEntity(tag: OpenTag): void {
    const length = utf16Length(this.out) - tag.offset;
    if (length === 0) return;
    const entity = tagEntity(tag, length, this.byteOffset(tag.bytePos));
    if (!entity) return;
    const cls = tag.attributes.get('class');
    if (entity.type === 'code' && cls?.startsWith('language-')) this.codeLanguages.set(entity, cls.slice('language-'.length));
    if (entity.type === 'pre') this.absorbInnerCode(entity);
    this.entities.push(entity);
  }

  /** `<pre><code class="language-x">…</code></pre>` is one pre entity with language `x`. */
  private absorbInnerCode(pre: MessageEntity.PreMessageEntity): void {
    const inner = this.entities.at(-1);
    if (inner?.type !== 'code' || inner.offset !== pre.offset || inner.length !== pre.length) return;
    this.entities.pop();
    const language = this.codeLanguages.get(inner);
    if (language) pre.language = language;
  }

  private skipUntil(from: number, stop: (ch: string) => boolean): number {
    let i = from;
    while (i < this.html.length && !stop(this.html[i]!)) i++;
    return i;
  }
}

function tagEntity(tag: OpenTag, length: number, byteOffset: number): MessageEntity | undefined {
  const { name, attributes, offset } = tag;
  const simple = SIMPLE_TAG_ENTITIES[name];
  if (simple) return { type: simple, offset, length } as MessageEntity;
  switch (name) {
    case 'a': {
      const url = attributes.get('href');
      return url ? { type: 'text_link', offset, length, url } : undefined;
    }
    case 'pre':
      return { type: 'pre', offset, length };
    case 'blockquote':
      return { type: attributes.has('expandable') ? 'expandable_blockquote' : 'blockquote', offset, length };
    case 'tg-emoji': {
      const id = attributes.get('emoji-id');
      return id ? { type: 'custom_emoji', offset, length, custom_emoji_id: id } : undefined;
    }
    case 'tg-time':
      return dateTimeEntity(attributes, offset, length, byteOffset);
    default:
      throw new Error(`tag without entity: ${name}`);
  }
}

function dateTimeEntity(
  attributes: Map<string, string>,
  offset: number,
  length: number,
  byteOffset: number,
): MessageEntity.DateTimeMessageEntity {
  const unix = Number(attributes.get('unix'));
  const format = attributes.get('format') ?? '';
  if (!Number.isInteger(unix) || !DATE_TIME_FORMAT.test(format)) {
    throw new HtmlParseError(`Invalid "unix" or "format" attribute of the tag "tg-time" at byte offset ${byteOffset}`);
  }
  return { type: 'date_time', offset, length, unix_time: unix, date_time_format: format as 'r' };
}

function decodeCharacterReference(match: RegExpExecArray): string | undefined {
  const [, decimal, hex, name] = match;
  if (name !== undefined) return NAMED_HTML_ENTITIES[name];
  // Without `hex` the code stays NaN and is rejected below, as `Number.parseInt(undefined, 16)` would be.
  const code =
    decimal !== undefined ? Number.parseInt(decimal, 10) : hex !== undefined ? Number.parseInt(hex, 16) : Number.NaN;
  const valid = code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff);
  return valid ? String.fromCodePoint(code) : undefined;
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f' || ch === '\v';
}

function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length);
}

// ---------------------------------------------------------------------------------------------
// Message text and captions
// ---------------------------------------------------------------------------------------------

/** Maximum length of a message text, in UTF-16 code units after entity parsing. */
export const MAX_TEXT_LENGTH = 4096;
/** Maximum length of a media caption, in UTF-16 code units after entity parsing. */
export const MAX_CAPTION_LENGTH = 1024;

/**
 * Applies `parse_mode` to `text` ('HTML' in any letter case; none means plain text). MarkdownV2 and
 * Markdown are not implemented by the fake and get a 400 that says so; any other value is rejected as
 * Telegram rejects it.
 */
export function formatText(text: string, parseMode: unknown): FormattedText {
  if (parseMode === undefined || parseMode === '') return { text, entities: [] };
  const mode = String(parseMode).toLowerCase();
  if (mode === 'html') return parseHtml(text);
  if (mode === 'markdownv2' || mode === 'markdown') {
    throw badRequest(`can't parse entities: parse_mode "${String(parseMode)}" is not implemented by the fake Bot API; use HTML`);
  }
  throw badRequest('unsupported parse_mode');
}

/**
 * Checks a message text (sendMessage `text`, editMessageText `text`, inline `message_text`): it must be
 * a string whose visible part, after parsing, is non-blank and at most 4096 UTF-16 code units.
 */
export function checkMessageText(text: unknown, parseMode: unknown): FormattedText {
  if (typeof text !== 'string' || text.trim() === '') throw badRequest('message text is empty');
  const formatted = formatText(text, parseMode);
  if (formatted.text.trim() === '') throw badRequest('message text is empty');
  if (utf16Length(formatted.text) > MAX_TEXT_LENGTH) throw badRequest('message is too long');
  return formatted;
}

/** Checks an optional caption: at most 1024 UTF-16 code units after parsing. */
export function checkCaption(caption: unknown, parseMode: unknown): FormattedText | undefined {
  if (caption === undefined) return undefined;
  if (typeof caption !== 'string') throw badRequest('caption must be a string');
  const formatted = formatText(caption, parseMode);
  if (utf16Length(formatted.text) > MAX_CAPTION_LENGTH) throw badRequest('message caption is too long');
  return formatted;
}

// ---------------------------------------------------------------------------------------------
// Reply markup
// ---------------------------------------------------------------------------------------------

const INLINE_BUTTON_ACTIONS = [
  'url', 'callback_data', 'web_app', 'login_url', 'switch_inline_query', 'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat', 'copy_text', 'callback_game', 'pay',
] as const;

/** Maximum size of a button's `callback_data`, in UTF-8 bytes. */
export const MAX_CALLBACK_DATA_BYTES = 64;

/**
 * Checks `reply_markup`. With `inlineOnly` (edits, inline results) only an inline keyboard is allowed;
 * otherwise also a reply keyboard, `remove_keyboard` and `force_reply`.
 */
export function checkReplyMarkup(markup: unknown, inlineOnly: boolean): void {
  if (!isObject(markup)) throw badRequest("can't parse reply keyboard markup JSON object");
  if ('inline_keyboard' in markup) return checkInlineKeyboard(markup.inline_keyboard);
  if (inlineOnly) throw badRequest('inline keyboard expected');
  if ('keyboard' in markup) return checkReplyKeyboard(markup.keyboard);
  if (markup.remove_keyboard === true || markup.force_reply === true) return;
  throw badRequest("can't parse reply keyboard markup JSON object");
}

function checkInlineKeyboard(rows: unknown): void {
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
  }
  for (const row of rows as unknown[][]) row.forEach(checkInlineButton);
}

function checkInlineButton(button: unknown): void {
  const invalid = (why: string): TelegramError => badRequest(`can't parse inline keyboard button: ${why}`);
  if (!isObject(button)) throw invalid('InlineKeyboardButton must be an Object');
  if (typeof button.text !== 'string') throw invalid('Field "text" must be of type String');
  if (button.text.trim() === '') throw badRequest('BUTTON_TEXT_INVALID');
  const actions = INLINE_BUTTON_ACTIONS.filter((key) => button[key] !== undefined);
  if (actions.length === 0) throw invalid('Text buttons are unallowed in the inline keyboard');
  if (actions.length > 1) throw invalid(`exactly one of the optional fields must be used, found ${actions.join(', ')}`);
  if (button.callback_data !== undefined) checkCallbackData(button.callback_data);
  if (button.url !== undefined) checkButtonUrl(button.url);
  for (const key of ['switch_inline_query', 'switch_inline_query_current_chat'] as const) {
    if (button[key] !== undefined && typeof button[key] !== 'string') throw invalid(`Field "${key}" must be of type String`);
  }
}

function checkCallbackData(data: unknown): void {
  if (typeof data !== 'string' || data === '' || utf8Length(data) > MAX_CALLBACK_DATA_BYTES) {
    throw badRequest('BUTTON_DATA_INVALID');
  }
}

/** Telegram accepts http(s) links to a host name with a dot, and tg:// links. */
function checkButtonUrl(url: unknown): void {
  const text = String(url);
  let parsed: URL | undefined;
  try {
    parsed = new URL(text);
  } catch {
    parsed = undefined;
  }
  const ok =
    parsed !== undefined &&
    (parsed.protocol === 'tg:' || ((parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname.includes('.')));
  if (!ok) throw badRequest(`inline keyboard button URL '${text}' is invalid: Wrong HTTP URL`);
}

function checkReplyKeyboard(rows: unknown): void {
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw badRequest('field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays');
  }
  for (const button of (rows as unknown[][]).flat()) {
    const text = isObject(button) ? button.text : button;
    if (typeof text !== 'string' || text.trim() === '') throw badRequest('BUTTON_TEXT_INVALID');
  }
}

// ---------------------------------------------------------------------------------------------
// Bot commands
// ---------------------------------------------------------------------------------------------

const COMMAND_SCOPES: Record<string, string[]> = {
  default: [],
  all_private_chats: [],
  all_group_chats: [],
  all_chat_administrators: [],
  chat: ['chat_id'],
  chat_administrators: ['chat_id'],
  chat_member: ['chat_id', 'user_id'],
};

/**
 * Checks setMyCommands: 1-100 commands (the fake asks for at least one; Telegram treats an empty list
 * like deleteMyCommands), each `command` 1-32 characters of a-z, 0-9 and _, each `description` 1-256
 * characters, no command twice.
 */
export function checkBotCommands(commands: unknown): void {
  if (!Array.isArray(commands) || commands.length === 0) throw badRequest('commands list must be non-empty');
  if (commands.length > 100) throw badRequest('BOT_COMMANDS_TOO_MUCH');
  const seen = new Set<string>();
  for (const entry of commands) {
    if (!isObject(entry) || typeof entry.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(entry.command)) {
      throw badRequest('BOT_COMMAND_INVALID');
    }
    if (seen.has(entry.command)) throw badRequest(`command "${entry.command}" is specified twice`);
    seen.add(entry.command);
    const description = entry.description;
    if (typeof description !== 'string' || description.trim() === '' || utf16Length(description) > 256) {
      throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
    }
  }
}

/** Checks the optional `language_code` (empty or two lowercase letters) and `scope` of the commands methods. */
export function checkCommandTarget(languageCode: unknown, scope: unknown): void {
  if (languageCode !== undefined && languageCode !== '' && !/^[a-z]{2}$/.test(String(languageCode))) {
    throw badRequest('invalid language code specified');
  }
  if (scope === undefined) return;
  const required = isObject(scope) && typeof scope.type === 'string' ? COMMAND_SCOPES[scope.type] : undefined;
  if (!required || required.some((key) => (scope as Record<string, unknown>)[key] === undefined)) {
    throw badRequest("can't parse BotCommandScope JSON object");
  }
}

// ---------------------------------------------------------------------------------------------
// Inline query results
// ---------------------------------------------------------------------------------------------

const INLINE_RESULT_TYPES = new Set([
  'article', 'photo', 'gif', 'mpeg4_gif', 'video', 'audio', 'voice', 'document', 'location', 'venue', 'contact',
  'game', 'sticker',
]);

/**
 * Checks answerInlineQuery's `results`: at most 50; each an object with a known `type` and an `id` of
 * 1-64 UTF-8 bytes unique in the answer; an article has a `title` and `input_message_content`; every
 * text, caption and inline keyboard follows the message rules. Also checks `next_offset` (≤ 64 bytes).
 */
export function checkInlineResults(results: unknown, nextOffset: unknown): void {
  if (!Array.isArray(results)) throw badRequest('results must be an Array');
  if (results.length > 50) throw badRequest('RESULTS_TOO_MUCH');
  const ids = new Set<string>();
  for (const result of results) {
    checkInlineResult(result);
    const id = (result as { id: string }).id;
    if (ids.has(id)) throw badRequest('RESULT_ID_DUPLICATE');
    ids.add(id);
  }
  if (nextOffset !== undefined && utf8Length(String(nextOffset)) > 64) throw badRequest('NEXT_OFFSET_INVALID');
}

function checkInlineResult(result: unknown): void {
  const invalid = (why: string): TelegramError => badRequest(`can't parse inline query result: ${why}`);
  if (!isObject(result)) throw invalid('InlineQueryResult must be an Object');
  if (typeof result.type !== 'string') throw invalid('Field "type" must be of type String');
  if (!INLINE_RESULT_TYPES.has(result.type)) throw invalid(`Unsupported inline query result type "${result.type}"`);
  if (typeof result.id !== 'string' || result.id === '' || utf8Length(result.id) > 64) throw badRequest('RESULT_ID_INVALID');
  if (result.type === 'article') {
    if (typeof result.title !== 'string' || result.title === '') throw invalid('Field "title" must be of type String');
    if (!isObject(result.input_message_content)) throw invalid('Field "input_message_content" must be of type Object');
  }
  checkCaption(result.caption, result.parse_mode);
  if (result.input_message_content !== undefined) checkInputMessageContent(result.input_message_content);
  if (result.reply_markup !== undefined) checkReplyMarkup(result.reply_markup, true);
}

function checkInputMessageContent(content: unknown): void {
  if (!isObject(content)) throw badRequest("can't parse InputMessageContent: must be an Object");
  const kinds = ['message_text', 'latitude', 'phone_number', 'description', 'payload'];
  if (!kinds.some((key) => key in content)) throw badRequest("can't parse InputMessageContent: unknown content");
  if ('message_text' in content) checkMessageText(content.message_text, content.parse_mode);
}

// ---------------------------------------------------------------------------------------------
// Small lists
// ---------------------------------------------------------------------------------------------

/** The `action` values sendChatAction accepts. */
export const CHAT_ACTIONS: ReadonlySet<string> = new Set([
  'typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice', 'upload_voice', 'upload_document',
  'choose_sticker', 'find_location', 'record_video_note', 'upload_video_note',
]);

/** The emoji a bot may use in ReactionTypeEmoji (setMessageReaction). */
export const REACTION_EMOJI: ReadonlySet<string> = new Set([
  '❤', '👍', '👎', '🔥', '🥰', '👏', '😁', '🤔', '🤯', '😱', '🤬', '😢', '🎉', '🤩', '🤮', '💩', '🙏', '👌', '🕊',
  '🤡', '🥱', '🥴', '😍', '🐳', '❤‍🔥', '🌚', '🌭', '💯', '🤣', '⚡', '🍌', '🏆', '💔', '🤨', '😐', '🍓', '🍾', '💋',
  '🖕', '😈', '😴', '😭', '🤓', '👻', '👨‍💻', '👀', '🎃', '🙈', '😇', '😨', '🤝', '✍', '🤗', '🫡', '🎅', '🎄', '☃',
  '💅', '🤪', '🗿', '🆒', '💘', '🙉', '🦄', '😘', '💊', '🙊', '😎', '👾', '🤷‍♂', '🤷', '🤷‍♀', '😡',
]);

/** True for a non-null, non-array object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
