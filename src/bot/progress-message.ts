/**
 * One status message that follows a long job (a /reindex, an upload): sent once, then edited in
 * place — at most every `everyMs`, one edit at a time, always to the latest text — so a job that
 * reports progress hundreds of times a second costs Telegram a request every couple of seconds
 * and the admin's chat gains one message, not a stream. A failed edit is skipped: the next one
 * carries the news.
 */
import type { BotContext } from './context.js';
import { editHtmlMessage, replyHtml } from './reply.js';

export const PROGRESS_EVERY_MS = 2_000;

export class ProgressMessage {
  private messageId: number | undefined;
  private sending: Promise<void> | undefined;
  private shown = '';
  private latest = '';
  private lastEdit = 0;
  private timer: NodeJS.Timeout | undefined;
  private done = false;

  constructor(
    private readonly ctx: BotContext,
    private readonly everyMs = PROGRESS_EVERY_MS,
  ) {}

  /** The message's id once sent (a reply can quote it). */
  get id(): number | undefined {
    return this.messageId;
  }

  /** Send the message now, with `text`. */
  async send(text: string): Promise<void> {
    this.sending ??= replyHtml(this.ctx, text).then((sent) => {
      this.messageId = sent[0]?.message_id;
      this.shown = this.latest = text;
      this.lastEdit = Date.now();
    });
    await this.sending;
  }

  /** Show `text` soon: now if the last edit is old enough, else when it is. */
  update(text: string): void {
    this.latest = text;
    if (this.done || this.timer || this.messageId === undefined) return;
    const wait = Math.max(0, this.lastEdit + this.everyMs - Date.now());
    this.timer = setTimeout(() => void this.flush(), wait);
  }

  /** Stop updating and wait for the first send, if one is on its way (its id is then known). */
  async stop(): Promise<void> {
    this.done = true;
    clearTimeout(this.timer);
    await this.sending?.catch(() => {});
  }

  /** Stop, then show the latest update if the last edit did not (the final count of a run), keeping the pace. */
  async finish(): Promise<void> {
    await this.stop();
    if (this.messageId === undefined || this.latest === this.shown) return;
    await new Promise((resolve) => setTimeout(resolve, this.lastEdit + this.everyMs - Date.now()));
    await this.edit();
  }

  private async flush(): Promise<void> {
    await this.edit();
    this.timer = undefined;
    // Progress that arrived while the edit was on its way.
    if (!this.done && this.latest !== this.shown) this.update(this.latest);
  }

  private async edit(): Promise<void> {
    const text = this.latest;
    if (this.messageId === undefined || text === this.shown) return;
    this.lastEdit = Date.now();
    try {
      await editHtmlMessage(this.ctx, this.messageId, text);
      this.shown = text;
    } catch (err) {
      this.ctx.deps.log.debug({ err: String(err) }, 'progress edit skipped');
    }
  }
}
