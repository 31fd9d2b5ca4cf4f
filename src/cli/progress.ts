/**
 * A progress bar for `index` on a terminal (cli-progress): files, then (hybrid mode) the passages
 * embedded, with their rate and time left. Silent when stderr is not a TTY.
 */
import cliProgress from 'cli-progress';
import type { ProgressFn } from '../index/indexer.js';

export function showProgress(): { update: ProgressFn; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const files = new cliProgress.SingleBar(
    { format: 'indexing [{bar}] {value}/{total} {file}', stream: process.stderr, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  const embedding = new cliProgress.SingleBar(
    { format: 'embedding [{bar}] {value}/{total} passages · {rate}/s · {eta_formatted} left', stream: process.stderr, clearOnComplete: true, etaBuffer: 20 },
    cliProgress.Presets.shades_classic,
  );
  let shown: cliProgress.SingleBar | null = null;
  let embeddingSince = 0;
  return {
    update(done, total, file, counts) {
      if (counts.embedding) {
        const e = counts.embedding;
        if (shown !== embedding) {
          shown?.stop();
          embedding.start(e.total, e.done, { rate: 0 });
          embeddingSince = Date.now() - 1;
          shown = embedding;
        }
        embedding.update(e.done, { rate: Math.round((e.done * 1000) / (Date.now() - embeddingSince)) });
        return;
      }
      if (shown !== files) {
        files.start(total, done, { file });
        shown = files;
      }
      files.setTotal(total);
      files.update(done, { file });
    },
    stop: () => shown?.stop(),
  };
}
