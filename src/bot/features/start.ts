/** /start and /help: what the archive holds and how to ask, in the user's language. */
import { Composer } from 'grammy';
import { isAdmin, type BotContext } from '../context.js';
import type { AboutView } from '../i18n.js';
import { formatOutlets } from '../format.js';
import { replyHtml } from '../reply.js';

function about(ctx: BotContext): AboutView {
  const stats = ctx.deps.archive.stats();
  return { stats, outlets: formatOutlets(stats, ctx.t), botUsername: ctx.me.username, isAdmin: isAdmin(ctx) };
}

export const startFeature = new Composer<BotContext>();

startFeature.command('start', (ctx) => replyHtml(ctx, ctx.t.start(ctx.from?.first_name, about(ctx))));
startFeature.command('help', (ctx) => replyHtml(ctx, ctx.t.help(about(ctx))));
