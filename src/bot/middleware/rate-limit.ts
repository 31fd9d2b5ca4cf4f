/**
 * Per-user rate limit (RATE_LIMIT_PER_MINUTE in a 60 s window) using @grammyjs/ratelimiter.
 *
 * - Administrators' documents and commands do not count and are never dropped: an admin who sends
 *   thirty files at once wants all thirty, and /stats after them. They queue in their chat like any
 *   update and are handled one after another (see concurrent.ts).
 * - Every message over the limit is named in a notice (not-taken-notice.ts), one per burst, so
 *   the sender knows what to send again; every button press over it is answered with a short
 *   notice, so no button keeps spinning.
 * - Group messages not addressed to the bot do not count: a chatty member must not be told off
 *   for talking to other people.
 * - Inline queries arrive on every keystroke, so they have their own, wider budget and are
 *   dropped without a reply when over it.
 */
import { Composer } from 'grammy';
import { limit } from '@grammyjs/ratelimiter';
import { isAdmin, type BotContext } from '../context.js';
import { isAddressed, isGroupChat } from '../addressing.js';
import { NotTakenNotices } from '../not-taken-notice.js';

const WINDOW_MS = 60_000;
const INLINE_FACTOR = 5;

function isCommand(ctx: BotContext): boolean {
  return ctx.message?.entities?.some((e) => e.type === 'bot_command' && e.offset === 0) ?? false;
}

/** Who an update counts against, or undefined when it does not count. */
function userKey(ctx: BotContext): string | undefined {
  const msg = ctx.message;
  if (msg !== undefined && isAdmin(ctx) && (msg.document !== undefined || isCommand(ctx))) return undefined;
  if (msg !== undefined && isGroupChat(msg.chat.type) && !isCommand(ctx) && !isAddressed(msg, ctx.me)) return undefined;
  return ctx.from?.id.toString();
}

export function rateLimit(perMinute: number): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const notices = new NotTakenNotices();
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
      // Called for every update over the limit, not only the first of the window.
      alwaysReply: true,
      onLimitExceeded: (ctx) => {
        if (!ctx.callbackQuery) return notices.add(ctx);
        // Not awaited: a flood wait on the answer must not hold up the updates behind it.
        ctx.deps.tasks.track(
          ctx.answerCallbackQuery({ text: ctx.t.rateLimited }).catch((err: unknown) =>
            ctx.deps.log.debug({ update: ctx.update.update_id, err: String(err) }, 'could not answer a rate-limited button press'),
          ),
        );
      },
    }),
  );
  return composer;
}
