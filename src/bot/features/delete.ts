/**
 * /delete <article id or file> (admins): removes the file and its passages from the archive. An id
 * whose file holds other articles too deletes nothing: the reply names them all, and /delete with the
 * file's name removes them together.
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { adminOnly } from '../middleware/admin-only.js';
import { replyHtml } from '../reply.js';

export const deleteFeature = new Composer<BotContext>();

deleteFeature.command('delete', adminOnly, async (ctx) => {
  const target = ctx.match.trim();
  if (target === '') return replyHtml(ctx, ctx.t.deleteUsage);
  const deletion = ctx.deps.archive.deletion(target);
  if (deletion?.byId && deletion.articles.length > 1) return replyHtml(ctx, ctx.t.deleteWholeFile(deletion.file, deletion.articles));
  const removed = deletion ? await ctx.deps.archive.deleteArticle(deletion.file) : [];
  ctx.deps.log.info({ target, removed: removed.length, admin: ctx.from?.id }, 'delete');
  await replyHtml(ctx, removed.length > 0 ? ctx.t.deleted(removed) : ctx.t.deleteNotFound(target));
});
