// Integration: a CLI command that would write to the embedded database of a running server is refused (exit 1,
// the owner named, nothing printed as if it had worked, nothing written). The test process plays the server by
// holding the folder's lock, as `klivira serve` does.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lumbarMriCase } from '../../testing/fixtures.ts';
import { describeProcessAs, lockDataFolder, type DataFolderLock } from '../db/data-folder-lock.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'klivira-cli-lock-'));
const dataDir = path.join(dir, 'pgdata');
const bin = path.resolve('src/adapters/cli/bin.ts');
let server: DataFolderLock;

beforeAll(() => {
  describeProcessAs('klivira serve');
  server = lockDataFolder(dataDir);
  server.announce('http://127.0.0.1:3999');
});
afterAll(() => {
  server.release();
  rmSync(dir, { recursive: true, force: true });
});

async function klivira(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  // Embedded mode even where the environment names a server database.
  const env: NodeJS.ProcessEnv = { ...process.env, KLIVIRA_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', bin, ...argv], { env });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, out: failed.stdout, err: failed.stderr };
  }
}

describe('a CLI command on the data folder of a running server', () => {
  it.each([
    ['keys create', ['keys', 'create', '--org', 'o', '--role', 'admin']],
    ['check --store', ['check', '--store', path.join(dir, 'case.json')]],
  ])('%s is refused with exit code 1, naming the server', async (_name, argv) => {
    writeFileSync(path.join(dir, 'case.json'), JSON.stringify(lumbarMriCase([])));
    const result = await klivira(...argv);
    expect(result.code, result.err).toBe(1);
    expect(result.err).toMatch(
      new RegExp(
        `in use by \`klivira serve\` \\(pid ${String(process.pid)}, http://127.0.0.1:3999, since .*\\): stop it, ` +
          'use its API',
      ),
    );
    expect(result.out).toBe('');
    // PGlite never opened the folder: nothing was written that would be lost.
    expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(false);
    expect(readdirSync(dataDir)).toEqual([]);
  });
});
