/** Puts the dependencies and the user's language on every context, before any feature runs. */
import type { MiddlewareFn } from 'grammy';
import type { BotContext, BotDeps } from '../context.js';
import { langFromCode, messages } from '../i18n.js';

export function attach(deps: BotDeps): MiddlewareFn<BotContext> {
  return (ctx, next) => {
    ctx.deps = deps;
    ctx.lang = langFromCode(ctx.from?.language_code);
    ctx.t = messages[ctx.lang];
    return next();
  };
}
