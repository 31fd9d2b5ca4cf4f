/**
 * One writer per INDEX_DIR. The lock is SQLite's own: an exclusive-mode connection to a small file
 * beside the store takes an OS lock (fcntl) that the kernel drops the moment the holding process
 * ends, however it ends — no stale lock after a crash, nothing to expire while a busy writer works
 * (pid files and mkdir locks need both). better-sqlite3 is already here for the store; a lock
 * library would bring one of those schemes or a native flock addon.
 *
 * Locks are per process: threads of the holding process write under its lock and never take it.
 * Who holds it is written to a sidecar, so a refused writer can name the holder.
 */
import { readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { writeFileAtomically } from './atomic-write.js';

const LOCK_FILE = 'writer.lock';
const HOLDER_FILE = 'writer.json';

interface Holder {
  pid: number;
  host: string;
  /** What the holder is: "sanad bot", "sanad cli index"… */
  role: string;
  since: string;
}

/** Another process is writing this index; the message names it. */
export class IndexLockedError extends Error {}

/** The index directory cannot be written at all (a read-only mount, wrong owner). */
export class IndexNotWritableError extends Error {}

function describeHolder(dir: string): string {
  try {
    const h = JSON.parse(readFileSync(join(dir, HOLDER_FILE), 'utf8')) as Holder;
    return `${h.role} (pid ${h.pid} on ${h.host}, since ${h.since})`;
  } catch {
    return 'another sanad process';
  }
}

const code = (err: unknown) => String((err as { code?: unknown }).code ?? '');

export class WriterLock {
  private constructor(
    private readonly db: Database.Database,
    private readonly dir: string,
  ) {}

  /**
   * Take the index's writer lock at once, or throw IndexLockedError naming the holder
   * (IndexNotWritableError when the directory cannot be written).
   */
  static acquire(dir: string, role: string): WriterLock {
    let db: Database.Database | undefined;
    try {
      db = new Database(join(dir, LOCK_FILE), { timeout: 0 });
      // An exclusive transaction left open holds the lock until the connection closes. It writes
      // nothing once the file has its first page (written here once), so it is taken on a full disk too.
      if (db.pragma('user_version', { simple: true }) === 0) db.pragma('user_version = 1');
      db.exec('BEGIN EXCLUSIVE');
    } catch (err) {
      db?.close();
      if (code(err) === 'SQLITE_BUSY') {
        throw new IndexLockedError(`the index in ${dir} is being written by ${describeHolder(dir)}: one writer per index; stop it, or make the change through it`);
      }
      if (/^SQLITE_(READONLY|CANTOPEN|PERM)|^EACCES|^EROFS/u.test(code(err))) {
        throw new IndexNotWritableError(`the index directory ${dir} is not writable (${code(err)}): check its mount and owner`);
      }
      throw err;
    }
    const holder: Holder = { pid: process.pid, host: hostname(), role, since: new Date().toISOString() };
    try {
      writeFileAtomically(join(dir, HOLDER_FILE), JSON.stringify(holder));
    } catch {
      // Only a refused writer's message needs it ("another sanad process" without it); a full disk must not stop the holder.
    }
    return new WriterLock(db, dir);
  }

  /** Who holds the index's writer lock, or null when it is free (`cli status`). */
  static holder(dir: string): string | null {
    try {
      WriterLock.acquire(dir, 'a probe').release();
      return null;
    } catch (err) {
      if (err instanceof IndexLockedError) return describeHolder(dir);
      throw err;
    }
  }

  release(): void {
    if (!this.db.open) return;
    rmSync(join(this.dir, HOLDER_FILE), { force: true });
    this.db.close();
  }
}
