/**
 * Admins add articles by sending a file (.txt, .md, .html) in a private chat. The size is checked
 * on Telegram's file_size before anything is downloaded, and again while downloading. The archive
 * decides the rest (empty, binary, undecodable…) and its IngestError reason is passed on. Parsing and
 * indexing run in the archive's worker thread; one that outlasts a couple of seconds gets a status
 * message, which the outcome then answers.
 * Documents in groups are ignored: they are usually not meant for the bot.
 */
import { Composer } from 'grammy';
import type { BotContext } from '../context.js';
import { IngestError } from '../../ingest/errors.js';
import { ARTICLE_EXTENSIONS, hasArticleExtension } from '../../ingest/read-article-file.js';
import { adminOnly } from '../middleware/admin-only.js';
import { DEFAULT_API_ROOT, DownloadError, downloadFile } from '../download.js';
import { PROGRESS_EVERY_MS, ProgressMessage } from '../progress-message.js';
import { replyHtml } from '../reply.js';
import { withTyping } from '../typing.js';
import { describeError } from '../redact.js';

export const uploadFeature = new Composer<BotContext>();

uploadFeature.chatType('private').on('message:document', adminOnly, async (ctx) => {
  const { config, archive, log } = ctx.deps;
  const doc = ctx.message.document;
  // A name cut by the sender's client may end in half a character (a lone surrogate): dropped, so it
  // is never shown as a broken character.
  const name = (doc.file_name ?? 'upload.txt').replace(/\p{Cs}/gu, '');
  // Checked here too so that a wrong file is refused before it is downloaded.
  if (!hasArticleExtension(name)) return replyHtml(ctx, ctx.t.uploadWrongType([...ARTICLE_EXTENSIONS]));
  if (doc.file_size !== undefined && doc.file_size > config.maxFileBytes) {
    return replyHtml(ctx, ctx.t.uploadTooLarge(doc.file_size, config.maxFileBytes));
  }

  await withTyping(ctx, async () => {
    let bytes: Buffer;
    try {
      const file = await ctx.getFile();
      if (file.file_path === undefined) throw new DownloadError('no file_path', 'failed');
      bytes = await downloadFile({
        apiRoot: config.telegram.apiRoot ?? DEFAULT_API_ROOT,
        token: config.telegram.token ?? '',
        filePath: file.file_path,
        maxBytes: config.maxFileBytes,
      });
    } catch (err) {
      if (err instanceof DownloadError && err.reason === 'too_large') {
        return replyHtml(ctx, ctx.t.uploadTooLarge(err.size ?? doc.file_size ?? 0, config.maxFileBytes));
      }
      log.warn({ err: describeError(err, [config.telegram.token]) }, 'upload download failed');
      return replyHtml(ctx, ctx.t.uploadFailed);
    }

    const status = new ProgressMessage(ctx);
    const slow = setTimeout(() => status.send(ctx.t.uploadIndexing(name)).catch(() => {}), PROGRESS_EVERY_MS);
    const outcome = async (): Promise<string> => {
      try {
        const added = await archive.addFile(name, bytes);
        log.info({ file: added.file, articles: added.articles.length, admin: ctx.from.id }, 'file added');
        return ctx.t.uploadAdded(added.file, added.articles, added.warnings);
      } catch (err) {
        if (!(err instanceof IngestError)) throw err;
        log.info({ file: name, reason: err.message }, 'upload refused');
        return ctx.t.uploadRefused(err.message);
      } finally {
        clearTimeout(slow);
        await status.stop();
      }
    };
    const text = await outcome();
    await replyHtml(ctx, text, { replyTo: status.id });
  });
});
