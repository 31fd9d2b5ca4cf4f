/**
 * The notice for messages the rate limit did not take. It names each of them (its text, cut short,
 * or its file name), so the sender knows what to send again, instead of a bare "too fast". Messages
 * dropped within GATHER_MS of a chat's first drop share one notice: a flood costs at most one notice
 * a second per chat, Telegram's own pace for a chat.
 */
import type { Message } from 'grammy/types';
import type { BotContext } from './context.js';
import { replyHtml } from './reply.js';
import { describeError } from './redact.js';

const GATHER_MS = 1_000;
/** A message is named by at most this many characters of its text. */
const LABEL_CHARS = 60;

/** What a dropped message is called in the notice; undefined for one without text or file name. */
export function labelOf(msg: Message | undefined): string | undefined {
  const text = msg?.text ?? msg?.document?.file_name ?? msg?.caption;
  if (text === undefined) return undefined;
  const chars = Array.from(text.trim());
  return chars.length > LABEL_CHARS ? `${chars.slice(0, LABEL_CHARS - 1).join('')}…` : chars.join('');
}

export class NotTakenNotices {
  private readonly open = new Map<number, (string | undefined)[]>();

  constructor(private readonly gatherMs = GATHER_MS) {}

  /** Name the message `ctx` carries in its chat's next notice (sending one soon if none is open). */
  add(ctx: BotContext): void {
    const chatId = ctx.chat?.id;
    if (chatId === undefined) return;
    const label = labelOf(ctx.msg);
    const labels = this.open.get(chatId);
    if (labels) {
      labels.push(label);
      return;
    }
    const fresh = [label];
    this.open.set(chatId, fresh);
    const send = new Promise((resolve) => setTimeout(resolve, this.gatherMs)).then(() => {
      this.open.delete(chatId);
      return replyHtml(ctx, ctx.t.notTaken(fresh));
    });
    ctx.deps.tasks.track(
      send.catch((err: unknown) =>
        ctx.deps.log.debug({ err: describeError(err, [ctx.deps.config.telegram.token]) }, 'could not send the rate-limit notice'),
      ),
    );
  }
}
