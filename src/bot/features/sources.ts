/** /sources (admins): the archived articles, ten per page, with previous/next buttons. */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { adminOnly } from '../middleware/admin-only.js';
import { decodeCallback } from '../callback-data.js';
import { formatSourcesPage } from '../format.js';
import { editHtml, replyHtml } from '../reply.js';

export const sourcesFeature = new Composer<BotContext>();

sourcesFeature.command('sources', adminOnly, (ctx) => {
  const page = formatSourcesPage(ctx.deps.archive.sources(), 0, ctx.t);
  return replyHtml(ctx, page.text, { reply_markup: page.reply_markup });
});

sourcesFeature.callbackQuery(/^s:/, adminOnly, async (ctx) => {
  const action = decodeCallback(ctx.callbackQuery.data);
  if (action?.kind !== 'sources') return ctx.answerCallbackQuery();
  const page = formatSourcesPage(ctx.deps.archive.sources(), action.page, ctx.t);
  await ctx.answerCallbackQuery();
  await editHtml(ctx, page.text, page.reply_markup);
});
