/**
 * /reindex (admins): one re-index at a time. It runs in the archive's worker thread, in the
 * background — tracked, so shutdown waits for it — while questions keep being answered from the
 * archive as it stands. Its progress (files done, passages per second, failures) is one status
 * message edited every couple of seconds; the report comes as a reply to it.
 *
 * Requests coalesce: a /reindex that arrives while a run is under way (until its reports are sent)
 * joins it — the requester is told so, and its chat gets the run's report too — instead of queueing
 * another full re-index behind it. Twenty /reindex in a second are one run.
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import type { IndexReport } from '../../types.js';
import { adminOnly } from '../middleware/admin-only.js';
import { ProgressMessage } from '../progress-message.js';
import { replyHtml } from '../reply.js';
import { describeError } from '../redact.js';
import { StorageFullError } from '../../index/storage-full.js';

/**
 * `/reindex remove-missing`: remove the files gone from DATA_DIR even when they are most of the
 * archive (indexer.ts MASS_REMOVAL_SHARE); a plain /reindex keeps them and says so.
 */
export const REMOVE_MISSING = 'remove-missing';

/** The run under way: per chat that asked for it, the request to answer with the report. */
type Requesters = Map<number, BotContext>;

export function reindexFeature(): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  let running: Requesters | undefined;

  composer.command('reindex', adminOnly, async (ctx) => {
    if (running) {
      if (!running.has(ctx.chat.id)) running.set(ctx.chat.id, ctx);
      return replyHtml(ctx, ctx.t.reindexAlreadyRunning);
    }
    const requesters: Requesters = new Map([[ctx.chat.id, ctx]]);
    running = requesters;
    const { archive, log, tasks, config } = ctx.deps;
    const secrets = [config.telegram.token];
    const status = new ProgressMessage(ctx);
    try {
      await status.send(ctx.t.reindexStarted);
    } catch (err) {
      running = undefined;
      throw err;
    }

    /** The outcome for every chat that asked, the one that started the run quoting its status message. */
    const tell = async (text: (c: BotContext) => string): Promise<void> => {
      // A Map's iteration includes chats that join while earlier ones are being told.
      for (const [chatId, c] of requesters) {
        try {
          await replyHtml(c, text(c), { replyTo: chatId === ctx.chat.id ? status.id : undefined });
        } catch (err) {
          log.warn({ chat: chatId, err: describeError(err, secrets) }, 're-index report not sent');
        }
      }
    };

    const job = (async () => {
      const started = Date.now();
      let embeddingFrom: { at: number; done: number } | undefined;
      let report: IndexReport;
      try {
        report = await archive.index({
          allowMassRemoval: ctx.match.trim() === REMOVE_MISSING,
          onProgress: (done, total, _file, counts) => {
            if (counts.embedding) {
              const { done: embedded, total: toEmbed } = counts.embedding;
              embeddingFrom ??= { at: Date.now(), done: embedded };
              const perSecond = (embedded - embeddingFrom.done) / Math.max((Date.now() - embeddingFrom.at) / 1000, 0.001);
              const minutesLeft = perSecond > 0 ? (toEmbed - embedded) / perSecond / 60 : null;
              return status.update(ctx.t.embedProgress({ done: embedded, total: toEmbed, perSecond, minutesLeft }));
            }
            const perSecond = counts.passages / Math.max((Date.now() - started) / 1000, 0.001);
            status.update(ctx.t.reindexProgress({ done, total, perSecond, failed: counts.failed }));
          },
        });
      } catch (err) {
        await status.stop();
        log.error({ err: describeError(err, secrets) }, 're-index failed');
        await tell((c) => (err instanceof StorageFullError ? c.t.diskFull : c.t.reindexFailed));
        return;
      }
      await status.finish();
      const seconds = (Date.now() - started) / 1000;
      log.info({ ...report, failed: report.failed.length, ms: Date.now() - started, requesters: requesters.size }, 're-index finished');
      await tell((c) => c.t.reindexDone(report, seconds));
    })();
    // Detached from the update; shutdown waits for it via the tracker. Free for the next /reindex once all are told.
    tasks.track(job.finally(() => (running = undefined)));
  });

  return composer;
}
