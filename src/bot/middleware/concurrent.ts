/**
 * Hands each update to the rest of the middleware in the background, so that one slow question
 * (or a re-index, or an upload) does not hold up everyone else. grammY's built-in polling and the
 * webhook adapter would otherwise await each update in turn — and a webhook that does not answer
 * within Telegram's timeout is re-delivered.
 *
 * Updates from the same chat (or, without a chat, the same user) still run one after the other,
 * in order; different chats run concurrently, at most `maxInFlight` handlers at once (further
 * ones wait for a slot; the per-user rate limit in front bounds how many can queue).
 *
 * Because the handler finishes after grammY has moved on, its errors cannot reach bot.catch: they
 * are passed to `onError` here instead. All work is registered with the TaskTracker so that
 * shutdown can wait for it.
 */
import { BotError, type Context, type MiddlewareFn } from 'grammy';
import type { TaskTracker } from '../tasks.js';

export interface ConcurrentOptions<C extends Context> {
  tasks: TaskTracker;
  maxInFlight: number;
  onError: (error: BotError<C>) => unknown;
}

export function concurrent<C extends Context>(options: ConcurrentOptions<C>): MiddlewareFn<C> {
  const chains = new Map<string, Promise<void>>();
  const waiting: (() => void)[] = [];
  let inFlight = 0;

  /** A slot is taken only when an update's turn in its chat has come, so a busy chat's queue holds none. */
  const acquire = async (): Promise<void> => {
    while (inFlight >= options.maxInFlight) await new Promise<void>((resolve) => waiting.push(resolve));
    inFlight++;
  };
  const release = (): void => {
    inFlight--;
    waiting.shift()?.();
  };

  return async (ctx, next) => {
    const key = ctx.chat ? `c${ctx.chat.id}` : ctx.from ? `u${ctx.from.id}` : `x${ctx.update.update_id}`;
    const previous = chains.get(key) ?? Promise.resolve();
    const job: Promise<void> = previous
      .then(async () => {
        await acquire();
        try {
          await next();
        } finally {
          release();
        }
      })
      .catch(async (err: unknown) => {
        try {
          await options.onError(new BotError<C>(err, ctx));
        } catch {
          // The error handler must not take the process down; it has logged what it could.
        }
      })
      .finally(() => {
        if (chains.get(key) === job) chains.delete(key);
      });
    chains.set(key, job);
    options.tasks.track(job);
  };
}
