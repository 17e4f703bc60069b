import { request, Agent } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface SteadyPlan {
  url: string;
  headers: (i: number) => Record<string, string>;
  body: (i: number) => string;
  /** Requests a second, sent on schedule whether or not earlier ones were answered (open loop). */
  rate: number;
  seconds: number;
  /** Latency is summarised per window of this length, by when each request was due. */
  windowMs: number;
  /**
   * Connections to keep between runs, as a webhook sender keeps them (Telegram holds up to 40
   * open to a bot). Without it each run opens its own and closes them at the end.
   */
  agent?: Agent;
  /**
   * Seconds sent at the same rate before the measured ones and not counted: the server is then
   * measured under steady load, as a webhook at a steady rate is, not as it comes out of a pause.
   */
  leadInSeconds?: number;
}

export interface SteadyWindow {
  /** Seconds from the start of the run. */
  from: number;
  sent: number;
  ok: number;
  p50: number;
  p99: number;
  max: number;
}

/** Kept-alive connections, up to 64 at once. */
export function steadyAgent(): Agent {
  return new Agent({ keepAlive: true, maxSockets: 64 });
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

/**
 * Fixed-rate load: request i is due at start + i / rate and its latency counts from when it was
 * due, not from when it went out, so a server (or a generator) that stalls shows the stall in the
 * figures instead of hiding it by sending less (coordinated omission).
 */
export async function runSteady(plan: SteadyPlan): Promise<SteadyWindow[]> {
  const url = new URL(plan.url);
  if (!url.hostname.startsWith('127.')) throw new Error('load goes to loopback only');
  const agent = plan.agent ?? steadyAgent();
  const leadMs = (plan.leadInSeconds ?? 0) * 1000;
  const total = Math.round(plan.rate * ((plan.leadInSeconds ?? 0) + plan.seconds));
  const prepared = Array.from({ length: total }, (_, i) => ({ headers: plan.headers(i), body: plan.body(i) }));
  const results: { due: number; ms: number; ok: boolean }[] = [];
  const started = performance.now();
  const send = (i: number, due: number) =>
    new Promise<void>((resolve) => {
      const p = prepared[i]!;
      const req = request(
        { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { ...p.headers, 'content-length': Buffer.byteLength(p.body) } },
        (res) => {
          res.resume();
          res.on('end', () => {
            results.push({ due: due - started - leadMs, ms: performance.now() - due, ok: (res.statusCode ?? 0) < 300 });
            resolve();
          });
        },
      );
      req.on('error', () => {
        results.push({ due: due - started - leadMs, ms: performance.now() - due, ok: false });
        resolve();
      });
      req.end(p.body);
    });
  const pending: Promise<void>[] = [];
  let i = 0;
  while (i < total) {
    const now = performance.now();
    // Everything due by now goes out now; then sleep until the next one is due.
    while (i < total && started + (i * 1000) / plan.rate <= now) {
      pending.push(send(i, started + (i * 1000) / plan.rate));
      i++;
    }
    const wait = started + (i * 1000) / plan.rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, Math.min(wait, 50)));
  }
  await Promise.all(pending);
  if (!plan.agent) agent.destroy();
  const windows: SteadyWindow[] = [];
  const count = Math.ceil((plan.seconds * 1000) / plan.windowMs);
  for (let w = 0; w < count; w++) {
    const inside = results.filter((r) => r.due >= w * plan.windowMs && r.due < (w + 1) * plan.windowMs);
    const sorted = inside.map((r) => r.ms).sort((a, b) => a - b);
    windows.push({
      from: (w * plan.windowMs) / 1000,
      sent: inside.length,
      ok: inside.filter((r) => r.ok).length,
      p50: Math.round(quantile(sorted, 0.5)),
      p99: Math.round(quantile(sorted, 0.99)),
      max: Math.round(sorted.at(-1) ?? 0),
    });
  }
  return windows;
}
