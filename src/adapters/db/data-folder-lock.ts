// One owner per embedded data folder. PGlite is single-process and does not lock its folder: a second process (a
// `klivira keys create` beside a running `klivira serve`) would write data that one of them then loses. The owner
// holds `<dataDir>.lock` (beside the folder, so PGlite never sees a foreign file in its PGDATA), created atomically
// with the owner's pid, command, start time and, for a server, its URL. A lock whose pid is gone is stale and taken
// over; the lock is released on close and on process exit.
import { randomUUID } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface LockOwner {
  pid: number;
  /** e.g. `klivira serve`, `klivira keys create`. */
  command: string;
  /** ISO date-time the owner took the folder. */
  since: string;
  /** Where a server owner answers (once it listens). */
  url?: string;
}

interface LockRecord extends LockOwner {
  /** Tells this holder's file from a later holder's after a takeover. */
  token: string;
}

/** What this process is, recorded in the locks it takes: the CLI names its command before running it. */
let processCommand = 'klivira';

export function describeProcessAs(command: string): void {
  processCommand = command;
}

/** Refusal to open a data folder another live process holds. */
export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    const where = [`pid ${String(owner.pid)}`, owner.url, `since ${owner.since}`].filter(Boolean).join(', ');
    super(
      `the embedded database in ${dataDir} is in use by \`${owner.command}\` (${where}): stop it, use its API ` +
        '(POST /api/cases, POST /api/keys), or set DATABASE_URL for a shared server PostgreSQL',
    );
    this.name = 'DataFolderInUseError';
  }
}

export interface DataFolderLock {
  readonly file: string;
  /** Record where this (server) process answers, for the refusal a second process gets. */
  announce(url: string): void;
  release(): void;
}

export const lockFileOf = (dataDir: string): string => `${path.resolve(dataDir)}.lock`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

const pause = (ms: number): void => {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
};

function readRecord(file: string): LockRecord | undefined {
  try {
    const record = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockRecord>;
    return typeof record.pid === 'number' && typeof record.token === 'string' ? (record as LockRecord) : undefined;
  } catch {
    return undefined; // gone meanwhile, or half written by a process that died while writing it
  }
}

/** The holder's record; an unreadable file may be one another process has just created and not yet written, so it
 * is read again shortly before it counts as stale. */
function readHolder(file: string): LockRecord | undefined {
  const record = readRecord(file);
  if (record) return record;
  pause(100);
  return readRecord(file);
}

/** Creates the lock file if no other file is there; false when one is. */
function create(file: string, record: LockRecord): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeFileSync(fd, JSON.stringify(record));
  } finally {
    closeSync(fd);
  }
  return true;
}

/**
 * Removes a stale lock without removing a live one that replaced it meanwhile: the file is first renamed aside (an
 * atomic step only one contender wins), then checked; a live holder's file is put back.
 */
function removeStale(file: string, stale: LockRecord | undefined): void {
  const aside = `${file}.${randomUUID()}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = readRecord(aside);
  if (moved && moved.token !== stale?.token && isAlive(moved.pid)) {
    try {
      linkSync(aside, file);
    } catch {
      // Another contender holds the folder now; it and the restored holder cannot both be live owners.
    }
  }
  unlinkSync(aside);
}

/** Takes the folder for this process, or throws DataFolderInUseError naming the live owner. */
export function lockDataFolder(dataDir: string): DataFolderLock {
  const file = lockFileOf(dataDir);
  mkdirSync(path.dirname(file), { recursive: true });
  const record: LockRecord = {
    pid: process.pid,
    command: processCommand,
    since: new Date().toISOString(),
    token: randomUUID(),
  };
  for (let attempt = 0; !create(file, record); attempt++) {
    const holder = readHolder(file);
    if (holder && isAlive(holder.pid)) {
      const { pid, command, since, url } = holder;
      throw new DataFolderInUseError(dataDir, { pid, command, since, ...(url ? { url } : {}) });
    }
    if (attempt >= 3) throw new Error(`cannot take the lock ${file}: it keeps changing`);
    removeStale(file, holder);
  }

  const ours = (): boolean => readRecord(file)?.token === record.token;
  const release = (): void => {
    process.removeListener('exit', release);
    if (ours()) unlinkSync(file);
  };
  // On exit only synchronous work runs: unlinking is.
  process.on('exit', release);
  return {
    file,
    announce(url) {
      if (!ours()) return;
      // Written aside and renamed over, so that a reader never sees a half-written record.
      const next = `${file}.${record.token}`;
      writeFileSync(next, JSON.stringify({ ...record, url }));
      renameSync(next, file);
    },
    release,
  };
}
