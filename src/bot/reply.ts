/**
 * Sending HTML replies. Long texts are split (split-message.ts) and sent in order; the keyboard,
 * if any, goes on the last chunk. In groups each reply quotes the message it answers, so it is
 * clear who asked what.
 */
import { GrammyError } from 'grammy';
import type { InlineKeyboardMarkup, Message } from 'grammy/types';
import type { BotContext } from './context.js';
import { isGroupChat } from './addressing.js';
import { splitMessage } from './split-message.js';

export interface ReplyOptions {
  reply_markup?: InlineKeyboardMarkup;
  /** Message to quote; defaults to the message being handled when in a group. */
  replyTo?: number;
  /** Send at most this many chunks; the rest is replaced by `truncatedNote(shown, total)`. */
  maxChunks?: number;
  truncatedNote?: (shown: number, total: number) => string;
}

export async function replyHtml(ctx: BotContext, html: string, options: ReplyOptions = {}): Promise<Message.TextMessage[]> {
  let chunks = splitMessage(html);
  const max = options.maxChunks ?? Infinity;
  if (chunks.length > max) {
    const total = chunks.length;
    chunks = chunks.slice(0, max);
    if (options.truncatedNote) chunks.push(options.truncatedNote(max, total));
  }
  const replyTo = options.replyTo ?? (isGroupChat(ctx.chat?.type) ? ctx.msg?.message_id : undefined);
  const sent: Message.TextMessage[] = [];
  for (const [i, chunk] of chunks.entries()) {
    const last = i === chunks.length - 1;
    sent.push(
      await ctx.reply(chunk, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        reply_markup: last ? options.reply_markup : undefined,
        reply_parameters: replyTo !== undefined && i === 0 ? { message_id: replyTo, allow_sending_without_reply: true } : undefined,
      }),
    );
  }
  return sent;
}

/**
 * Edit the message a button belongs to. Telegram refuses an edit that changes nothing ("message
 * is not modified", e.g. a double tap); that is not an error for the user, so it is ignored.
 */
export function editHtml(ctx: BotContext, html: string, reply_markup?: InlineKeyboardMarkup): Promise<void> {
  return ignoreNotModified(ctx.editMessageText(html, { parse_mode: 'HTML', reply_markup, link_preview_options: { is_disabled: true } }));
}

/** Edit one of the bot's own messages in the current chat by id (a status message); "not modified" is not an error. */
export function editHtmlMessage(ctx: BotContext, messageId: number, html: string): Promise<void> {
  return ignoreNotModified(ctx.api.editMessageText(ctx.chat!.id, messageId, html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } }));
}

async function ignoreNotModified(edit: Promise<unknown>): Promise<void> {
  try {
    await edit;
  } catch (err) {
    if (err instanceof GrammyError && /message is not modified/i.test(err.description)) return;
    throw err;
  }
}
