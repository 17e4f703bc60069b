import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';
import { promisify } from 'node:util';
import { Miniflare } from 'miniflare';
import { openD1Store, type D1Store } from '../../src/db/d1.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js');
/** wrangler.toml's database_id; local D1 state is keyed by it. */
const DATABASE_ID = '00000000-0000-0000-0000-000000000000';

async function wrangler(args: string[], env: Record<string, string>): Promise<string> {
  const { stdout, stderr } = await run(process.execPath, [WRANGLER, ...args], {
    cwd: ROOT,
    env: { ...process.env, CI: 'true', WRANGLER_SEND_METRICS: 'false', NO_COLOR: '1', ...env },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout + stderr;
}

export interface BuiltWorker {
  dir: string;
  script: string;
  /** esbuild's metafile: which input files ended up in the bundle. */
  metafile: string;
  /** What the dry-run deploy printed, including "Total Upload: … / gzip: …". */
  buildLog: string;
  persist: string;
  /** What `wrangler d1 migrations apply` printed: the list of applied files. */
  migrationLog: string;
  remove(): Promise<void>;
}

/**
 * Builds the Worker exactly as `npm run build:worker` does (wrangler's bundler, wrangler.toml's
 * define and flags) and applies drizzle/ to a fresh local D1 with `wrangler d1 migrations apply`,
 * as an operator does before a deploy.
 */
export async function buildWorker(): Promise<BuiltWorker> {
  const dir = await mkdtemp(join(tmpdir(), 'guixiang-worker-'));
  const out = join(dir, 'dist');
  const persist = join(dir, 'state');
  const logs = { WRANGLER_LOG_PATH: join(dir, 'logs') };
  const metafile = join(dir, 'meta.json');
  const buildLog = await wrangler(['deploy', '--dry-run', '--outdir', out, '--metafile', metafile], logs);
  const migrationLog = await wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist], logs);
  return {
    dir,
    script: join(out, 'worker.js'),
    metafile,
    buildLog,
    persist,
    migrationLog,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * Applies a SQL file to the built Worker's local D1 the way an operator applies one to the remote
 * database (`wrangler d1 execute DB --remote --file …`), with --local instead of --remote.
 */
export async function executeSqlFile(built: BuiltWorker, file: string): Promise<string> {
  return wrangler(['d1', 'execute', 'DB', '--local', '--persist-to', built.persist, '--file', file, '--yes'], { WRANGLER_LOG_PATH: join(built.dir, 'logs') });
}

export interface RunningWorker {
  mf: Miniflare;
  /** What the Worker wrote to stdout and stderr (its JSON logs), for assertions and debugging. */
  logs: string[];
  url: URL;
  store: D1Store;
  /** Fires the Cron Trigger the way Cloudflare does, at the given time. */
  scheduled(at: Date): Promise<{ outcome: string }>;
  dispose(): Promise<void>;
}

/** Starts the built Worker in workerd with the local D1 state the migrations went into. */
export async function startWorker(built: BuiltWorker, vars: Record<string, string>): Promise<RunningWorker> {
  const logs: string[] = [];
  const mf = new Miniflare({
    handleRuntimeStdio(stdout: Readable, stderr: Readable) {
      for (const stream of [stdout, stderr]) stream.on('data', (chunk: Buffer) => logs.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    },
    modules: [{ type: 'ESModule', path: built.script, contents: await readFile(built.script, 'utf8') }],
    modulesRoot: join(built.script, '..'),
    compatibilityDate: '2026-04-20',
    compatibilityFlags: ['nodejs_compat'],
    d1Databases: { DB: DATABASE_ID },
    d1Persist: join(built.persist, 'v3', 'd1'),
    bindings: vars,
  });
  const url = await mf.ready;
  const store = openD1Store((await mf.getD1Database('DB')) as never);
  return {
    mf,
    logs,
    url,
    store,
    async scheduled(at) {
      const worker = await mf.getWorker();
      return worker.scheduled({ cron: '* * * * *', scheduledTime: at });
    },
    dispose: () => mf.dispose(),
  };
}
