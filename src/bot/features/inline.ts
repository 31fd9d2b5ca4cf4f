/**
 * Inline mode (@bot question, in any chat): up to ten excerpts as article results; choosing one
 * sends the excerpt with its citation. An empty query gets an empty list, not an error.
 */
import { Composer, GrammyError } from 'grammy';
import type { BotContext } from '../context.js';
import { langOfText, messages } from '../i18n.js';
import { formatInlineResults } from '../format.js';

const INLINE_TOP = 10;
/** Short: the archive changes when admins upload or re-index. */
const CACHE_SECONDS = 30;
/** Telegram's own limit on inline query length. */
const MAX_QUERY = 256;

export const inlineFeature = new Composer<BotContext>();

inlineFeature.on('inline_query', async (ctx) => {
  const query = ctx.inlineQuery.query.trim().slice(0, MAX_QUERY);
  try {
    if (query === '') {
      await ctx.answerInlineQuery([], { cache_time: CACHE_SECONDS });
      return;
    }
    const t = messages[langOfText(query) ?? ctx.lang];
    const answer = await ctx.deps.archive.ask(query, { top: INLINE_TOP });
    const results = answer.answered ? formatInlineResults(answer.results, t, INLINE_TOP) : [];
    await ctx.answerInlineQuery(results, { cache_time: CACHE_SECONDS });
  } catch (err) {
    // The user kept typing and Telegram dropped this query: nothing to answer any more.
    if (err instanceof GrammyError && /query is too old|query ID is invalid/i.test(err.description)) {
      ctx.deps.log.debug('inline query expired before it was answered');
      return;
    }
    throw err;
  }
});
