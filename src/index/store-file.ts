/**
 * Opening the store's SQLite file so that no state of the file stops sanad for good: a damaged file
 * ("database disk image is malformed", not a database at all) is moved aside under a name that says
 * so and a fresh store takes its place, to be rebuilt from DATA_DIR (the articles' own copy); a
 * directory that cannot be written is named in one line.
 */
import { existsSync, renameSync, statSync } from 'node:fs';
import { ArchiveStore } from './store.js';
import { IndexNotWritableError } from './writer-lock.js';

const code = (err: unknown) => String((err as { code?: unknown }).code ?? '');

/** SQLite's word that the file's bytes are not a sound database. */
export function isDamagedStore(err: unknown): boolean {
  return /^SQLITE_(CORRUPT|NOTADB)/u.test(code(err));
}

/** What the operator is told (the log, the admins) when a damaged store was moved aside. */
export function damagedStoreNotice(aside: string): string {
  return `the index store was damaged: it was moved to ${aside}, and the index is being rebuilt from DATA_DIR`;
}

/** Move the damaged store (and its WAL and shared-memory files) aside; returns the new name. */
export function quarantineStore(path: string): string {
  const aside = `${path}.damaged-${new Date().toISOString().replace(/[:.]/gu, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
  return aside;
}

/** The file's identity: another after a quarantine put a fresh store at the same path. */
export function storeIdentity(path: string): number | null {
  try {
    return statSync(path).ino;
  } catch {
    return null;
  }
}

/**
 * Open the store at `path`, reading enough of it to know it is sound. `quarantined` names where a
 * damaged store went (the caller says so where an operator will see it).
 */
export function openStoreFile(path: string): { store: ArchiveStore; quarantined: string | null } {
  const open = () => {
    const store = new ArchiveStore(path);
    try {
      store.articleCount();
      store.passageCount();
      return store;
    } catch (err) {
      store.close();
      throw err;
    }
  };
  try {
    return { store: open(), quarantined: null };
  } catch (err) {
    if (/^SQLITE_(READONLY|CANTOPEN|PERM|IOERR_SHMOPEN)/u.test(code(err))) {
      throw new IndexNotWritableError(`the index store ${path} cannot be opened for writing (${code(err)}): check the index directory's mount and owner`);
    }
    if (!isDamagedStore(err)) throw err;
    const quarantined = quarantineStore(path);
    return { store: open(), quarantined };
  }
}
