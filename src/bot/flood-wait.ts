/**
 * Telegram's 429 ("Too Many Requests: retry after N") as an API transformer. A reply refused with
 * a 429 is held and sent again once `retry_after` has passed, as often as Telegram asks — a storm of
 * 1 s waits, or one 30 s wait — until its budget runs out (minutes for messages); then the call
 * fails as any other. Nothing is lost to a short storm and nothing waits forever.
 *
 * The wait belongs to the chat that was refused: other chats' requests go straight through, and a
 * chat's later requests (another reply, a progress edit) wait out the same deadline instead of
 * hitting Telegram early. The chat's order is kept by the concurrency middleware: its next update
 * is handled only after this reply went out.
 *
 * Per method: "typing…" is never retried or sent into a wait (it would be stale); answers to
 * button presses and inline queries expire on Telegram's side after about 10 s, so they are
 * retried only within that.
 */
import type { Transformer } from 'grammy';

/** How long a call may keep waiting out 429s before it fails. */
export const MESSAGE_WAIT_MS = 3 * 60_000;
const QUERY_ANSWER_WAIT_MS = 10_000;

const budgetMs = (method: string): number =>
  method === 'sendChatAction' ? 0 : method === 'answerCallbackQuery' || method === 'answerInlineQuery' ? QUERY_ANSWER_WAIT_MS : MESSAGE_WAIT_MS;

export interface FloodWaitOptions {
  /** Called when a request starts waiting (for the log). */
  onWait?: (info: { method: string; chat: string; seconds: number }) => void;
  /** Override the per-method budget (tests). */
  maxWaitMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function floodWait(options: FloodWaitOptions = {}): Transformer {
  /** Per chat (or "*" for requests without one): when Telegram accepts requests again. */
  const until = new Map<string, number>();

  const transformer: Transformer = async (prev, method, payload, signal) => {
    const chatId = (payload as { chat_id?: unknown }).chat_id;
    const chat = chatId === undefined ? '*' : String(chatId);
    const deadline = Date.now() + (options.maxWaitMs ?? budgetMs(method));
    for (;;) {
      const blocked = (until.get(chat) ?? 0) - Date.now();
      if (blocked > 0) {
        if (Date.now() + blocked > deadline) return refused(method, blocked) as never;
        await sleep(blocked);
      }
      const result = await prev(method, payload, signal);
      const retryAfter = result.ok ? undefined : result.parameters?.retry_after;
      if (retryAfter === undefined) {
        if (result.ok && (until.get(chat) ?? 0) <= Date.now()) until.delete(chat);
        return result;
      }
      const waitMs = retryAfter * 1000;
      until.set(chat, Math.max(until.get(chat) ?? 0, Date.now() + waitMs));
      if (Date.now() + waitMs > deadline) return result;
      options.onWait?.({ method, chat, seconds: retryAfter });
    }
  };
  return transformer;
}

/** The answer for a request not sent because its chat is still in a flood wait longer than its budget. */
function refused(method: string, waitMs: number) {
  const seconds = Math.ceil(waitMs / 1000);
  return {
    ok: false as const,
    error_code: 429,
    description: `Too Many Requests: retry after ${seconds} (${method} not sent: the chat is still in a flood wait)`,
    parameters: { retry_after: seconds },
  };
}
