import { readlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, Worker, type ResourceLimits, type Transferable } from 'node:worker_threads';
import type { Logger } from './ports.js';

/** Where a worker thread's code is: its build under `npm start`, its TypeScript source otherwise. */
export interface ThreadEntry {
  entry: URL;
  /** Node flags for the thread. */
  execArgv?: string[];
}

/**
 * Starts a thread on its entry. A TypeScript entry (the server run from src/ by tsx, and tests)
 * needs tsx's loader in the thread before the entry is loaded, and `--import tsx` among a worker's
 * flags comes too late for that on Node 20: a small script registers it, then imports the entry.
 */
function startWorker(entry: URL, options: ConstructorParameters<typeof Worker>[1]): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  const tsx = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href;
  const script = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(script, { ...options, eval: true });
}

type Envelope<Res> = { id: number; ok: true; value: Res } | { id: number; ok: false; error: string };

export interface OneThread<Req, Res> {
  /** Asks the thread; requests are answered one at a time, in the order asked. */
  ask(request: Req): Promise<Res>;
  /** Stops the thread (the next request starts it again). */
  close(): Promise<void>;
}

export interface OneThreadOptions extends ThreadEntry {
  name: string;
  logger: Logger;
  resourceLimits?: ResourceLimits;
  /**
   * A thread idle this long is stopped, and the next request starts a new one. A thread costs
   * tens of MB (its own heap, its own copy of the modules it loads) for as long as it lives.
   */
  idleMs?: number;
}

/**
 * A pool of one worker thread, started by the first request, not at start-up. A thread that dies
 * fails the requests it held and is started again by the next one.
 */
export function oneThread<Req, Res>(options: OneThreadOptions): OneThread<Req, Res> {
  let worker: Worker | null = null;
  let idle: ReturnType<typeof setTimeout> | undefined;
  let nextId = 0;
  const pending = new Map<number, { resolve: (value: Res) => void; reject: (err: Error) => void }>();
  let queue: Promise<unknown> = Promise.resolve();

  function failAll(err: Error) {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
  }

  function thread(): Worker {
    if (worker) return worker;
    const w = startWorker(options.entry, { execArgv: options.execArgv ?? [], ...(options.resourceLimits ? { resourceLimits: options.resourceLimits } : {}) });
    w.on('message', (response: Envelope<Res>) => {
      const p = pending.get(response.id);
      if (!p) return;
      pending.delete(response.id);
      if (response.ok) p.resolve(response.value);
      else p.reject(new Error(response.error));
      if (pending.size === 0) whenIdle(w);
    });
    w.on('error', (err) => {
      options.logger.error(`${options.name} thread failed`, { error: err.message });
      failAll(err);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      if (pending.size) failAll(new Error(`${options.name} thread exited (${code})`));
    });
    worker = w;
    return w;
  }

  function whenIdle(w: Worker) {
    w.unref();
    if (options.idleMs === undefined) return;
    idle = setTimeout(() => {
      if (worker === w && pending.size === 0) {
        worker = null;
        void w.terminate();
      }
    }, options.idleMs);
    idle.unref();
  }

  function send(request: Req): Promise<Res> {
    clearTimeout(idle);
    const id = ++nextId;
    return new Promise<Res>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      const w = thread();
      // A thread with work in hand keeps the process alive; an idle one does not.
      w.ref();
      w.postMessage({ id, request });
    });
  }

  return {
    ask(request) {
      const run = queue.then(() => send(request));
      queue = run.catch(() => undefined);
      return run;
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}

/** The lowest scheduling priority (Linux nice). */
const BACKGROUND_NICE = 19;

/**
 * Lowers this thread's scheduling priority, not the process's: on Linux the nice value belongs to
 * each thread, and /proc/thread-self names this one. On a server with two cores, a thread reading
 * the roster at full speed took a core the main thread needed for webhooks; at nice 19 it gets
 * whatever the webhooks leave. Elsewhere (no /proc) the thread keeps the process's priority.
 */
export function runInBackground(): boolean {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (!Number.isInteger(tid)) return false;
    setPriority(tid, BACKGROUND_NICE);
    return true;
  } catch {
    return false;
  }
}

/**
 * The thread's side of `oneThread`: answers each request with `handle`'s value, or its error's
 * message, at background priority. `transfer` names buffers to move to the main thread rather
 * than copy.
 */
export function answerRequests<Req, Res>(handle: (request: Req) => Promise<Res>, transfer: (value: Res) => Transferable[] = () => []): void {
  const port = parentPort;
  if (!port) throw new Error('this module runs as a worker thread (oneThread starts it)');
  runInBackground();
  port.on('message', ({ id, request }: { id: number; request: Req }) => {
    void handle(request).then(
      (value) => port.postMessage({ id, ok: true, value } satisfies Envelope<Res>, transfer(value)),
      (err: unknown) => port.postMessage({ id, ok: false, error: err instanceof Error ? err.message : String(err) } satisfies Envelope<Res>),
    );
  });
}
