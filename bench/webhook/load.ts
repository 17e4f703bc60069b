import autocannon from 'autocannon';
import { performance } from 'node:perf_hooks';

export interface LoadPlan {
  url: string;
  headers: (i: number) => Record<string, string>;
  /** The i-th request body; every request gets its own (distinct update ids, fresh signatures). */
  body: (i: number) => string;
  /** Requests to send; the run stops here or at `timeLimitMs`, whichever comes first. */
  amount: number;
  connections: number;
  timeLimitMs: number;
  /** Resident set size of the server under test, sampled while the load runs. */
  rss: () => number;
}

export interface LoadResult {
  requests: number;
  ok: number;
  other: Record<string, number>;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  peakRss: number;
}

/**
 * One bounded run of autocannon against 127.0.0.1. Bodies and headers are built before the run
 * (encryption and signing included), so the generator spends its time sending.
 */
export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  if (!new URL(plan.url).hostname.startsWith('127.')) throw new Error('load goes to loopback only');
  const prepared = Array.from({ length: plan.amount }, (_, i) => ({ headers: plan.headers(i), body: plan.body(i) }));
  let next = 0;
  let peakRss = plan.rss();
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, plan.rss());
  }, 50);
  const started = performance.now();
  const instance = autocannon({
    url: plan.url,
    connections: plan.connections,
    amount: plan.amount,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const p = prepared[next++ % prepared.length]!;
          return { ...req, headers: p.headers, body: p.body };
        },
      },
    ],
  });
  // autocannon notices the last answer on its once-a-second tick; the run ends at the last answer.
  let lastAnswer = started;
  (instance as unknown as { on(event: 'response', f: () => void): void }).on('response', () => {
    lastAnswer = performance.now();
  });
  const limit = setTimeout(() => instance.stop(), plan.timeLimitMs);
  const result = await instance;
  clearTimeout(limit);
  clearInterval(sampler);
  const seconds = (lastAnswer - started) / 1000;
  peakRss = Math.max(peakRss, plan.rss());
  const other: Record<string, number> = {};
  let ok = 0;
  for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) {
    if (code.startsWith('2')) ok += Number(count);
    else other[code] = Number(count);
  }
  return {
    requests: result.requests.total,
    ok,
    other,
    errors: result.errors,
    seconds,
    perSecond: ok / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    peakRss,
  };
}
