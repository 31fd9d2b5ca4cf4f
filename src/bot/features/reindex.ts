/**
 * /reindex (admins): one re-index at a time. It runs in the archive's worker thread, in the
 * background — tracked, so shutdown waits for it — while questions keep being answered from the
 * archive as it stands. Its progress (files done, passages per second, failures) is one status
 * message edited every couple of seconds; the report comes as a reply to it.
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import type { IndexReport } from '../../types.js';
import { adminOnly } from '../middleware/admin-only.js';
import { ProgressMessage } from '../progress-message.js';
import { replyHtml } from '../reply.js';
import { describeError } from '../redact.js';

export function reindexFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  let running = false;

  composer.command('reindex', adminOnly, async (ctx) => {
    if (running) return replyHtml(ctx, ctx.t.reindexAlreadyRunning);
    running = true;
    const { archive, log, tasks, config } = ctx.deps;
    const t = ctx.t;
    const status = new ProgressMessage(ctx);
    try {
      await status.send(t.reindexStarted);
    } catch (err) {
      running = false;
      throw err;
    }

    const job = (async () => {
      const started = Date.now();
      let report: IndexReport;
      try {
        report = await archive.index({
          onProgress: (done, total, _file, counts) => {
            const perSecond = counts.passages / Math.max((Date.now() - started) / 1000, 0.001);
            status.update(t.reindexProgress({ done, total, perSecond, failed: counts.failed }));
          },
        });
      } catch (err) {
        running = false;
        await status.stop();
        log.error({ err: describeError(err, [config.telegram.token]) }, 're-index failed');
        await replyHtml(ctx, t.reindexFailed);
        return;
      }
      // Free for the next /reindex as soon as this one is done, not after the report is sent.
      running = false;
      await status.finish();
      log.info({ ...report, failed: report.failed.length, ms: Date.now() - started }, 're-index finished');
      await replyHtml(ctx, t.reindexDone(report, (Date.now() - started) / 1000), { replyTo: status.id });
    })();
    // Detached from the update: errors are logged here, shutdown waits for it via the tracker.
    tasks.track(
      job.catch((err: unknown) => log.warn({ err: describeError(err, [config.telegram.token]) }, 're-index report not sent')),
    );
  });

  return composer;
}
