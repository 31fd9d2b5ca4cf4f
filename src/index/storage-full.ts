/**
 * A change that failed because the disk (or the user's quota) is full: said as such, since the
 * remedy is the operator's (free space) and not the file's.
 */
const FULL = /^(ENOSPC|EDQUOT|SQLITE_FULL)$/u;

export class StorageFullError extends Error {
  override readonly name = 'StorageFullError';
}

/** Whether `err` is the file system or SQLite saying there is no room left. */
export function isStorageFull(err: unknown): boolean {
  return FULL.test(String((err as { code?: unknown } | null)?.code ?? ''));
}

/** `err` as a StorageFullError naming `what` failed and where space is needed, or `err` itself. */
export function asStorageFull(err: unknown, what: string, dirs: string[]): unknown {
  if (!isStorageFull(err)) return err;
  return new StorageFullError(`disk full: ${what} failed and nothing was changed; free space under ${dirs.join(' and ')}, then try again`);
}
