/**
 * Assembles the bot: API plugins at the edge (auto-retry, flood waits, plain text for HTML Telegram
 * cannot parse), then small middleware (dependencies and language, rate limit, concurrency with its
 * error boundary), then the features, each a Composer in ./features. Order matters only where noted.
 */
import { Bot } from 'grammy';
import { autoRetry } from '@grammyjs/auto-retry';
import { floodWait } from './flood-wait.js';
import { plainTextFallback } from './plain-text-fallback.js';
import type { BotContext, BotDeps } from './context.js';
import { TaskTracker } from './tasks.js';
import { AnswerCache } from './answer-cache.js';
import { attach } from './middleware/attach.js';
import { trackCallbackAnswer } from './middleware/track-callback-answer.js';
import { rateLimit } from './middleware/rate-limit.js';
import { concurrent } from './middleware/concurrent.js';
import { createErrorHandler } from './error-handler.js';
import { startFeature } from './features/start.js';
import { uploadFeature } from './features/upload.js';
import { reindexFeature } from './features/reindex.js';
import { statsFeature } from './features/stats.js';
import { deleteFeature } from './features/delete.js';
import { sourcesFeature } from './features/sources.js';
import { resultsFeature } from './features/results.js';
import { inlineFeature } from './features/inline.js';
import { unknownCommandFeature } from './features/unknown-command.js';
import { questionFeature } from './features/question.js';

/** Updates handled at once across different chats (same-chat updates always run in order). */
const MAX_IN_FLIGHT = 32;

export type CreateBotDeps = Omit<BotDeps, 'tasks'> & { tasks?: TaskTracker };

export function createBot(input: CreateBotDeps): Bot<BotContext> {
  const deps: BotDeps = { ...input, tasks: input.tasks ?? new TaskTracker() };
  const { token, apiRoot } = deps.config.telegram;
  if (!token) throw new Error('TELEGRAM_BOT_TOKEN is required to run the bot');

  // grammY refuses an apiRoot with a trailing slash; the URL validator lets one through.
  const bot = new Bot<BotContext>(token, { client: apiRoot ? { apiRoot: apiRoot.replace(/\/+$/, '') } : {} });
  // A 5xx is retried three times at most, network errors with growing pauses (auto-retry), so a short
  // outage does not lose replies; a 429 is passed on (maxDelaySeconds 0) to floodWait, installed
  // last so it wraps auto-retry: it holds the reply until Telegram allows it, per chat.
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 0 }));
  bot.api.config.use(floodWait({ onWait: (info) => deps.log.info(info, 'telegram flood wait: reply held') }));
  // Outermost, so that the plain-text copy of a reply Telegram could not parse gets the same retries.
  bot.api.config.use(plainTextFallback);

  const onError = createErrorHandler(deps.log, token);
  const cache = new AnswerCache();

  bot.use(attach(deps), trackCallbackAnswer);
  // Before concurrency: an update over the limit is dropped without occupying a slot.
  bot.use(rateLimit(deps.config.telegram.ratePerMinute));
  bot.use(concurrent<BotContext>({ tasks: deps.tasks, maxInFlight: MAX_IN_FLIGHT, onError }));

  bot.use(startFeature);
  bot.use(uploadFeature, reindexFeature(), statsFeature, deleteFeature, sourcesFeature);
  bot.use(resultsFeature(cache));
  bot.use(inlineFeature);
  // Unknown commands must be caught before the question feature treats them as questions.
  bot.use(unknownCommandFeature);
  bot.use(questionFeature(cache));
  // A button this version does not know (an old message, a forged press): stop the spinner.
  bot.on('callback_query', (ctx) => ctx.answerCallbackQuery());

  bot.catch(onError);
  return bot;
}
