import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateDemoCases } from '../../demo/index.ts';
import { run } from './main.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'klivira-eval-'));
afterAll(() => {
  rmSync(folder, { recursive: true, force: true });
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) }, out, err };
}

const write = (name: string, value: unknown) => {
  writeFileSync(path.join(folder, name), JSON.stringify(value));
};

describe('klivira eval', () => {
  const demos = generateDemoCases({ seed: 11 }).slice(0, 4);
  for (const demo of demos) {
    write(`${demo.id}.json`, demo.bundle);
    write(`${demo.id}.expected.json`, { determination: demo.expected.determination, family: demo.scenario });
  }
  // One case whose expectation Klivira does not share, and one it cannot read.
  const [first] = demos;
  write('disputed.json', first?.bundle);
  write('disputed.expected.json', {
    determination: first?.expected.determination === 'meets' ? 'insufficient_documentation' : 'meets',
    reasons: ['the writer disagrees'],
  });
  write('broken.json', { resourceType: 'Bundle', type: 'collection', entry: [] });
  write('broken.expected.json', { determination: 'meets' });

  it('prints accuracy, the confusion matrix, false meets and each disagreement with its criteria', async () => {
    const { io, out } = capture();
    expect(await run(['eval', folder], io)).toBe(0);
    const text = out.join('');
    expect(text).toMatch(/^4\/6 correct \(66\.7 %\), \d false meets?, 1 errors/);
    expect(text).toContain('confusion (rows expected, columns Klivira)');
    expect(text).toContain('disputed: expected');
    expect(text).toContain('expected because: the writer disagrees');
    expect(text).toMatch(/broken: expected meets, Klivira error\n {2}error: /);
  });

  it('reports as JSON', async () => {
    const { io, out } = capture();
    expect(await run(['eval', folder, '--json'], io)).toBe(0);
    const report = JSON.parse(out.join('')) as { total: number; correct: number; errors: number };
    expect(report).toMatchObject({ total: 6, correct: 4, errors: 1 });
  });

  it('refuses a folder it cannot evaluate with exit code 2, naming the file and field', async () => {
    const bad = mkdtempSync(path.join(tmpdir(), 'klivira-eval-bad-'));
    try {
      const empty = capture();
      expect(await run(['eval', bad], empty.io)).toBe(2);
      expect(empty.err.join('')).toContain('holds no <id>.expected.json files');
      writeFileSync(path.join(bad, 'x.expected.json'), JSON.stringify({ determination: 'approved' }));
      const wrong = capture();
      expect(await run(['eval', bad], wrong.io)).toBe(2);
      expect(wrong.err.join('')).toContain('x.expected.json: /determination');
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });
});
