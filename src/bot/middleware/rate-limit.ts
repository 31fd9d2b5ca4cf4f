/**
 * Per-user rate limit (RATE_LIMIT_PER_MINUTE in a 60 s window) using @grammyjs/ratelimiter.
 *
 * - The plugin calls onLimitExceeded once per window (the first excess update), so the polite
 *   reply is sent once and further excess updates are dropped silently — no reply spam.
 * - Group messages not addressed to the bot do not count: a chatty member must not be told off
 *   for talking to other people.
 * - Inline queries arrive on every keystroke, so they have their own, wider budget and are
 *   dropped without a reply when over it.
 */
import { Composer } from 'grammy';
import { limit } from '@grammyjs/ratelimiter';
import type { BotContext } from '../context.js';
import { isAddressed, isGroupChat } from '../addressing.js';

const WINDOW_MS = 60_000;
const INLINE_FACTOR = 5;

function userKey(ctx: BotContext): string | undefined {
  const msg = ctx.message;
  if (msg !== undefined && isGroupChat(msg.chat.type) && !isAddressedOrCommand(ctx)) return undefined;
  return ctx.from?.id.toString();
}

function isAddressedOrCommand(ctx: BotContext): boolean {
  const msg = ctx.message!;
  const isCommand = msg.entities?.some((e) => e.type === 'bot_command' && e.offset === 0) ?? false;
  return isCommand || isAddressed(msg, ctx.me);
}

export function rateLimit(perMinute: number): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on(
    'inline_query',
    limit<BotContext, never>({
      timeFrame: WINDOW_MS,
      limit: perMinute * INLINE_FACTOR,
      keyPrefix: 'inline:',
      keyGenerator: (ctx) => ctx.from?.id.toString(),
      onLimitExceeded: () => {},
    }),
  );
  composer.drop(
    (ctx) => ctx.inlineQuery !== undefined,
    limit<BotContext, never>({
      timeFrame: WINDOW_MS,
      limit: perMinute,
      keyPrefix: 'user:',
      keyGenerator: userKey,
      onLimitExceeded: async (ctx) => {
        try {
          if (ctx.callbackQuery) await ctx.answerCallbackQuery({ text: ctx.t.rateLimited });
          else if (ctx.chat) await ctx.reply(ctx.t.rateLimited);
        } catch (err) {
          ctx.deps.log.debug({ update: ctx.update.update_id }, 'could not send the rate-limit notice');
          void err;
        }
      },
    }),
  );
  return composer;
}
