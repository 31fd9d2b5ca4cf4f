/**
 * Remembers whether the current callback query has been answered. Telegram accepts one answer per
 * query, so the error handler must know whether it may still use answerCallbackQuery for its
 * apology or has to fall back to a chat message.
 */
import type { MiddlewareFn } from 'grammy';
import type { BotContext } from '../context.js';

export const trackCallbackAnswer: MiddlewareFn<BotContext> = (ctx, next) => {
  if (ctx.callbackQuery) {
    const answer = ctx.answerCallbackQuery.bind(ctx);
    ctx.answerCallbackQuery = (...args: Parameters<typeof answer>) => {
      ctx.callbackAnswered = true;
      return answer(...args);
    };
  }
  return next();
};
