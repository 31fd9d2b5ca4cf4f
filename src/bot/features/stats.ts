/** /stats (admins): size, date range, index size, search mode and uptime. */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { adminOnly } from '../middleware/admin-only.js';
import { formatDuration } from '../format.js';
import { replyHtml } from '../reply.js';

export const statsFeature = new Composer<BotContext>();

statsFeature.command('stats', adminOnly, (ctx) => {
  const uptime = formatDuration(Date.now() - ctx.deps.startedAt.getTime());
  return replyHtml(ctx, ctx.t.stats(ctx.deps.archive.stats(), uptime));
});
