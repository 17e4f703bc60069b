import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

export interface RunningProcess {
  child: ChildProcess;
  /** http://127.0.0.1:port, from the line the process prints once listening. */
  base: string;
  output(): string;
  /** Resident set size of the process, in bytes (Linux /proc). */
  rss(): number;
  /** Sends the signal to the whole process group and resolves once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `node --import tsx <entry>` from the project root in a process group of its own (so a
 * stop reaches everything it started) with only the given environment, and resolves once it
 * prints the address it listens on. Node itself is the child: its pid is the one to measure.
 */
export function startProcess(
  entry: string,
  env: Record<string, string>,
  ready: RegExp = /(http:\/\/127\.0\.0\.1:\d+)/u,
  options: { timeoutMs?: number; nodeArgs?: string[]; /** false for compiled JavaScript, run as `npm start` runs dist/node.js. */ tsx?: boolean } = {},
): Promise<RunningProcess> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...(options.tsx === false ? [] : ['--import', 'tsx']), entry], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const running = (base: string): RunningProcess => ({
    child,
    base,
    output: () => output,
    rss: () => rssOf(child.pid!),
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
      await exited;
    },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void running('').stop('SIGKILL');
      reject(new Error(`${entry} did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      // Only the start-up lines are kept; under load the JSON log would grow without bound.
      if (output.length < 64 * 1024) output += chunk.toString();
      const m = ready.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(running(m[1]!));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${entry} exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}

/**
 * What `npm start` runs once its prestart has built dist/: node, the flags of the start script and
 * the built entry, read from package.json so tests and benchmarks run what operators run.
 */
export function npmStartCommand(): { nodeArgs: string[]; entry: string } {
  const start = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start!;
  const [command, ...args] = start.split(/\s+/u);
  const entry = args.pop();
  if (command !== 'node' || !entry) throw new Error(`npm start is expected to run node on a built file, not: ${start}`);
  return { nodeArgs: args, entry };
}

/** Builds dist/ as `npm start`'s prestart does. */
export function buildForStart(): void {
  execFileSync('npm', ['run', '--silent', 'build:node'], { cwd: ROOT, stdio: 'inherit' });
}

let builtForStart = false;

/** The preload that starts a spawned server's clock at a chosen moment (see the file). */
const FIXED_CLOCK = new URL('../../support/fixed-clock.mjs', import.meta.url).href;

/**
 * The real server as `npm start` runs it (dist/, built once per test run, with the start
 * script's flags), with this environment; with `clock`, its clock starts at that moment.
 */
export function startServer(env: Record<string, string>, options: { clock?: Date; /** Local mode prints its console's address instead. */ localMode?: boolean } = {}): Promise<RunningProcess> {
  if (!builtForStart) {
    buildForStart();
    builtForStart = true;
  }
  const { nodeArgs, entry } = npmStartCommand();
  const clock: Record<string, string> = options.clock ? { GUIXIANG_TEST_CLOCK: options.clock.toISOString() } : {};
  const preload = options.clock ? ['--import', FIXED_CLOCK] : [];
  const ready = options.localMode ? /本地调试台：(http:\/\/127\.0\.0\.1:\d+)/u : /归乡已启动：(http:\/\/127\.0\.0\.1:\d+)/u;
  return startProcess(entry, { HOST: '127.0.0.1', PORT: '0', ...env, ...clock }, ready, { tsx: false, nodeArgs: [...nodeArgs, ...preload] });
}

export function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/u.exec(status)?.[1];
    return kb ? Number(kb) * 1024 : 0;
  } catch {
    return 0;
  }
}
