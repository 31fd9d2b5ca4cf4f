/**
 * /reindex (admins): one re-index at a time. It runs in the background — tracked, so shutdown
 * waits for it — while questions keep being answered from the archive as it stands. Progress is
 * shown by editing the status message at most every few seconds; the report comes as a reply.
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import type { IndexReport } from '../../types.js';
import { adminOnly } from '../middleware/admin-only.js';
import { replyHtml } from '../reply.js';
import { describeError } from '../redact.js';

const PROGRESS_EVERY_MS = 3_000;

export function reindexFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  let running = false;

  composer.command('reindex', adminOnly, async (ctx) => {
    if (running) return replyHtml(ctx, ctx.t.reindexAlreadyRunning);
    running = true;
    const { archive, log, tasks, config } = ctx.deps;
    const t = ctx.t;
    let status: number | undefined;
    try {
      status = (await replyHtml(ctx, t.reindexStarted))[0]?.message_id;
    } catch (err) {
      running = false;
      throw err;
    }

    let lastText = t.reindexStarted;
    let lastEdit = Date.now();
    const onProgress = (done: number, total: number) => {
      const now = Date.now();
      if (status === undefined || now - lastEdit < PROGRESS_EVERY_MS) return;
      const text = t.reindexProgress(done, total);
      if (text === lastText) return;
      lastEdit = now;
      lastText = text;
      ctx.api.editMessageText(ctx.chat.id, status, text, { parse_mode: 'HTML' }).catch(() => {});
    };

    const job = (async () => {
      const started = Date.now();
      let report: IndexReport;
      try {
        report = await archive.index({ onProgress });
      } catch (err) {
        running = false;
        log.error({ err: describeError(err, [config.telegram.token]) }, 're-index failed');
        await replyHtml(ctx, t.reindexFailed);
        return;
      }
      // Free for the next /reindex as soon as this one is done, not after the report is sent.
      running = false;
      log.info({ ...report, failed: report.failed.length, ms: Date.now() - started }, 're-index finished');
      await replyHtml(ctx, t.reindexDone(report, (Date.now() - started) / 1000), { replyTo: status });
    })();
    // Detached from the update: errors are logged here, shutdown waits for it via the tracker.
    tasks.track(
      job.catch((err: unknown) => log.warn({ err: describeError(err, [config.telegram.token]) }, 're-index report not sent')),
    );
  });

  return composer;
}
