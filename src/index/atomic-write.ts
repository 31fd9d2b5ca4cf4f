/** Crash-safe file replacement: write a temp file beside the target, fsync, then rename over it. */
import { closeSync, fsyncSync, openSync, renameSync, writeFileSync, rmSync } from 'node:fs';

/** Write `target` via a temp file produced by `write(tempPath)`; the old file stays until the rename. */
export function replaceAtomically(target: string, write: (tempPath: string) => void): void {
  const temp = `${target}.tmp-${process.pid}`;
  try {
    write(temp);
    const fd = openSync(temp, 'r');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, target);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** Write bytes or text to `target` atomically. */
export function writeFileAtomically(target: string, data: string | Uint8Array): void {
  replaceAtomically(target, (temp) => writeFileSync(temp, data));
}
