/**
 * Shows "typing…" while slow work runs. Telegram clears a chat action after about five seconds,
 * so it is repeated until the work is done. A failed chat action never fails the work.
 */
import type { BotContext } from './context.js';

const REPEAT_MS = 4_500;

export async function withTyping<T>(ctx: BotContext, work: () => Promise<T>): Promise<T> {
  const send = () => {
    ctx.replyWithChatAction('typing').catch(() => {});
  };
  send();
  const timer = setInterval(send, REPEAT_MS);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
