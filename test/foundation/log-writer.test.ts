import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { batchedLineWriter } from '../../src/log-writer.js';

describe('log lines of one turn in one write', () => {
  it('writes the lines of a turn together, in order, once the turn is over', async () => {
    const chunks: string[] = [];
    const log = batchedLineWriter((c) => chunks.push(c));
    log('{"a":1}');
    log('{"a":2}');
    expect(chunks).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(chunks).toEqual(['{"a":1}\n{"a":2}\n']);
    log('{"a":3}');
    await new Promise((r) => setImmediate(r));
    expect(chunks).toEqual(['{"a":1}\n{"a":2}\n', '{"a":3}\n']);
  });

  it('writes what is pending when the process exits', () => {
    const script = `import { batchedLineWriter } from './src/log-writer.ts'; const log = batchedLineWriter(); log('first'); log('last'); process.exit(3);`;
    let out = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    } catch (err) {
      out = (err as { stdout: string; status: number }).stdout;
      expect((err as { status: number }).status).toBe(3);
    }
    expect(out).toBe('first\nlast\n');
  });
});
