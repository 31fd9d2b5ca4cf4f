/**
 * The last line of defence for an update: log what failed (without the token, without message
 * contents) and apologise to the user in their language. One bad update never stops the bot.
 *
 * A 403 (the user blocked the bot, left or deleted their account, or a group removed it) is not
 * the bot's fault and nothing can be sent there any more: it is a warning, with no apology.
 */
import { GrammyError, type BotError } from 'grammy';
import type { BotContext } from './context.js';
import type { Logger } from '../log.js';
import { langFromCode, messages } from './i18n.js';
import { describeError } from './redact.js';
import { StorageFullError } from '../index/storage-full.js';

export function createErrorHandler(log: Logger, token: string | undefined) {
  return async (error: BotError<BotContext>): Promise<void> => {
    const ctx = error.ctx;
    const kind = Object.keys(ctx.update).find((k) => k !== 'update_id');
    const context = { update: ctx.update.update_id, kind, err: describeError(error.error, [token]) };
    if (error.error instanceof GrammyError && error.error.error_code === 403) {
      log.warn(context, 'reply not delivered: the chat no longer accepts the bot');
      return;
    }
    log.error(context, 'update failed');
    const t = ctx.t ?? messages[langFromCode(ctx.from?.language_code)];
    // A full disk is the operator's to fix, and the change was undone: say that, not "try again".
    const apology = error.error instanceof StorageFullError ? t.diskFull : t.apology;
    try {
      if (ctx.callbackQuery && !ctx.callbackAnswered) await ctx.answerCallbackQuery({ text: apology });
      else if (ctx.chat && (ctx.message || ctx.callbackQuery)) await ctx.reply(apology);
    } catch (err) {
      log.warn({ update: ctx.update.update_id, err: describeError(err, [token]) }, 'could not send the apology');
    }
  };
}
