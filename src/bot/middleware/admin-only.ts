/** Guard for administrator features: anyone else gets a polite refusal and nothing changes. */
import type { MiddlewareFn } from 'grammy';
import { isAdmin, type BotContext } from '../context.js';

export const adminOnly: MiddlewareFn<BotContext> = async (ctx, next) => {
  if (isAdmin(ctx)) return next();
  ctx.deps.log.info({ user: ctx.from?.id }, 'admin action refused');
  if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t.adminOnly });
  else await ctx.reply(ctx.t.adminOnly);
};
