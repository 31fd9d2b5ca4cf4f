/**
 * Shows "typing…" while slow work runs. Work that is done within a moment (a lexical answer, one
 * already given to someone else) shows nothing: the reply itself arrives first, and under load the
 * saved request per answer matters. Telegram clears a chat action after about five seconds, so it
 * is repeated until the work is done. A failed chat action never fails the work.
 */
import type { BotContext } from './context.js';

/** How long work may take before "typing…" is shown. */
export const TYPING_AFTER_MS = 250;
const REPEAT_MS = 4_500;

export async function withTyping<T>(ctx: BotContext, work: () => Promise<T>): Promise<T> {
  let repeat: NodeJS.Timeout | undefined;
  const send = () => {
    ctx.replyWithChatAction('typing').catch(() => {});
  };
  const first = setTimeout(() => {
    send();
    repeat = setInterval(send, REPEAT_MS);
  }, TYPING_AFTER_MS);
  try {
    return await work();
  } finally {
    clearTimeout(first);
    clearInterval(repeat);
  }
}
