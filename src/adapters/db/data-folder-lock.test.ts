import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataFolderInUseError, describeProcessAs, lockDataFolder, lockFileOf } from './data-folder-lock.ts';
import { openDatabase } from './database.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'klivira-lock-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('the data folder lock', () => {
  it('refuses a second owner, naming the first, until the first releases', () => {
    const dataDir = path.join(dir, 'a', 'pgdata');
    describeProcessAs('klivira serve');
    const first = lockDataFolder(dataDir);
    first.announce('http://127.0.0.1:3000');
    describeProcessAs('klivira keys create');
    let refusal: unknown;
    try {
      lockDataFolder(dataDir);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataFolderInUseError);
    expect((refusal as DataFolderInUseError).owner).toMatchObject({
      pid: process.pid,
      command: 'klivira serve',
      url: 'http://127.0.0.1:3000',
    });
    expect((refusal as Error).message).toMatch(
      new RegExp(
        `^the embedded database in .*pgdata is in use by \`klivira serve\` \\(pid ${String(process.pid)}, ` +
          'http://127.0.0.1:3000, since \\d{4}-.*\\): stop it, use its API \\(POST /api/cases, POST /api/keys\\), ' +
          'or set DATABASE_URL',
      ),
    );
    first.release();
    expect(existsSync(first.file)).toBe(false);
    const second = lockDataFolder(dataDir);
    second.release();
  });

  it('takes over a lock whose owner is gone', () => {
    const dataDir = path.join(dir, 'b');
    const file = lockFileOf(dataDir);
    writeFileSync(file, JSON.stringify({ pid: deadPid(), command: 'klivira serve', since: 'then', token: 'old' }));
    const lock = lockDataFolder(dataDir);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });

  it('takes over a lock file left half written', () => {
    const dataDir = path.join(dir, 'c');
    writeFileSync(lockFileOf(dataDir), '');
    lockDataFolder(dataDir).release();
  });

  it('is held by an open embedded database and released by its close', async () => {
    const dataDir = path.join(dir, 'd', 'pgdata');
    const database = await openDatabase({ dataDir });
    try {
      expect(database.lock?.file).toBe(lockFileOf(dataDir));
      await expect(openDatabase({ dataDir })).rejects.toThrow(DataFolderInUseError);
    } finally {
      await database.close();
    }
    expect(existsSync(lockFileOf(dataDir))).toBe(false);
  });

  it('is released when the owning process exits', () => {
    const dataDir = path.join(dir, 'e');
    const script = `import { lockDataFolder } from ${JSON.stringify(path.resolve('src/adapters/db/data-folder-lock.ts'))};
      lockDataFolder(${JSON.stringify(dataDir)});`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(child.status, child.stderr).toBe(0);
    expect(existsSync(lockFileOf(dataDir))).toBe(false);
  });
});
