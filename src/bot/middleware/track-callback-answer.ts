/**
 * Wraps answerCallbackQuery for the current button press:
 *  - it remembers that the press has been answered. Telegram accepts one answer per query, so the
 *    error handler must know whether it may still use answerCallbackQuery for its apology or has
 *    to fall back to a chat message;
 *  - a press Telegram no longer takes an answer for ("query is too old", e.g. one queued while the
 *    bot was down) is not a failure: there is no spinner left to stop, so it is logged and the
 *    handler carries on, with no apology in the chat.
 */
import { GrammyError, type MiddlewareFn } from 'grammy';
import type { BotContext } from '../context.js';

const EXPIRED = /query is too old|query ID is invalid/i;

export const trackCallbackAnswer: MiddlewareFn<BotContext> = (ctx, next) => {
  if (ctx.callbackQuery) {
    const answer = ctx.answerCallbackQuery.bind(ctx);
    ctx.answerCallbackQuery = async (...args: Parameters<typeof answer>) => {
      ctx.callbackAnswered = true;
      try {
        return await answer(...args);
      } catch (err) {
        if (!(err instanceof GrammyError && EXPIRED.test(err.description))) throw err;
        ctx.deps.log.debug({ update: ctx.update.update_id }, 'button press expired before it was answered');
        return true;
      }
    };
  }
  return next();
};
