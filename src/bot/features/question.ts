/**
 * Questions. In a private chat any text is a question; in a group only a message that mentions
 * the bot or replies to it (see addressing.ts). The reply is the first page of the best excerpts,
 * kept in the answer cache so its buttons can page through the rest.
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import type { AnswerCache } from '../answer-cache.js';
import { questionOf } from '../addressing.js';
import { langOfText, messages } from '../i18n.js';
import { formatAnswerPage } from '../format.js';
import { replyHtml } from '../reply.js';
import { withTyping } from '../typing.js';

/** How many results to fetch: three pages of three. */
export const ANSWER_TOP = 9;
/** Longest question accepted, in UTF-16 units. */
export const MAX_QUESTION = 1000;

export function questionFeature(cache: AnswerCache): Composer<BotContext> {
  const composer = new Composer<BotContext>();

  composer.on('message:text', async (ctx, next) => {
    const question = questionOf(ctx.message, ctx.me);
    if (question === null) return next();
    const lang = langOfText(question) ?? ctx.lang;
    const t = messages[lang];
    if (question === '') return replyHtml(ctx, t.emptyQuestion(ctx.me.username));
    if (question.length > MAX_QUESTION) return replyHtml(ctx, t.questionTooLong(MAX_QUESTION));

    const started = Date.now();
    const answer = await withTyping(ctx, () => ctx.deps.archive.ask(question, { top: ANSWER_TOP }));
    ctx.deps.log.info(
      { chat: ctx.chat.type, lang, answered: answer.answered, results: answer.results.length, ms: Date.now() - started },
      'question answered',
    );
    if (answer.unread === 'english') return replyHtml(ctx, t.englishUnread);
    const pending = answer.unembedded ? `\n\n${t.unembedded(answer.unembedded)}` : '';
    if (!answer.answered || answer.results.length === 0) return replyHtml(ctx, t.notFound(question) + pending);

    const entry = { question, lang, results: answer.results, unmatched: answer.unmatched, unembedded: answer.unembedded };
    const page = formatAnswerPage({ id: cache.put(entry), ...entry }, 0, t);
    await replyHtml(ctx, page.text, { reply_markup: page.reply_markup });
  });

  // Anything else sent privately (photos, stickers, voice…) gets a hint rather than silence.
  composer.chatType('private').on('message', (ctx) => replyHtml(ctx, ctx.t.textOnly));

  return composer;
}
