/** A progress bar for `index` on a terminal (cli-progress); silent when stderr is not a TTY. */
import cliProgress from 'cli-progress';

export function showProgress(): { update: (done: number, total: number, file: string) => void; stop: () => void } {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: 'indexing [{bar}] {value}/{total} {file}', stream: process.stderr, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total, file) {
      if (!started) bar.start(total, done, { file });
      started = true;
      bar.setTotal(total);
      bar.update(done, { file });
    },
    stop: () => started && bar.stop(),
  };
}
