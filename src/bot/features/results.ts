/**
 * The buttons under an answer: next/previous page (edits the message in place), the full
 * paragraph of a result, and the whole article. Pages and paragraphs come from the answer cache;
 * when it has forgotten the answer the user is told to ask again.
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import type { AnswerCache } from '../answer-cache.js';
import { decodeCallback } from '../callback-data.js';
import { messages } from '../i18n.js';
import { formatAnswerPage, formatArticle, formatParagraph } from '../format.js';
import { editHtml, replyHtml } from '../reply.js';

/** A whole article is sent as at most this many messages. */
const MAX_ARTICLE_MESSAGES = 6;

export function resultsFeature(cache: AnswerCache): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.callbackQuery(/^[pxaA]:/, async (ctx) => {
    const action = decodeCallback(ctx.callbackQuery.data);
    const source = ctx.callbackQuery.message?.message_id;
    if (action === null) return ctx.answerCallbackQuery();

    if (action.kind === 'article') return sendArticle(ctx, action.articleId, source);

    if (action.kind !== 'page' && action.kind !== 'paragraph' && action.kind !== 'articleOf') {
      return ctx.answerCallbackQuery();
    }
    const entry = cache.get(action.id);
    if (entry === undefined) return ctx.answerCallbackQuery({ text: ctx.t.expired, show_alert: true });
    const t = messages[entry.lang];

    if (action.kind === 'page') {
      const page = formatAnswerPage({ id: action.id, ...entry }, action.page, t);
      await ctx.answerCallbackQuery();
      await editHtml(ctx, page.text, page.reply_markup);
      return;
    }
    const result = entry.results[action.index];
    if (result === undefined) return ctx.answerCallbackQuery({ text: t.expired, show_alert: true });
    if (action.kind === 'articleOf') return sendArticle(ctx, result.article.id, source);
    await ctx.answerCallbackQuery();
    await replyHtml(ctx, formatParagraph(result, action.index + 1, t), { replyTo: source });
  });

  return composer;
}

async function sendArticle(ctx: BotContext, articleId: string, replyTo: number | undefined): Promise<void> {
  const detail = ctx.deps.archive.show(articleId);
  if (detail === null) {
    await ctx.answerCallbackQuery({ text: ctx.t.articleGone, show_alert: true });
    return;
  }
  await ctx.answerCallbackQuery();
  await replyHtml(ctx, formatArticle(detail, ctx.t), {
    replyTo,
    maxChunks: MAX_ARTICLE_MESSAGES,
    truncatedNote: ctx.t.articleTruncated,
  });
}
