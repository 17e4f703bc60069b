import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenApi, type FakeOpenApi } from '../../lark/fake-open-api.js';
import { APP_ID, ENCRYPT_KEY } from '../support/payloads.js';
import { startServer, type RunningProcess } from '../support/server.js';

// In the long suite: it starts the real server and measures its memory, which other test files
// on the same cores would disturb.

const SENDERS = 4_000;
const MB = 2 ** 20;

let fake: FakeOpenApi;
let dir: string;
let server: RunningProcess | undefined;

beforeAll(async () => {
  fake = await startFakeOpenApi();
  dir = mkdtempSync(join(tmpdir(), 'guixiang-partial-'));
  // A fixed clock, at the busiest minute a day has: 10:00 on the first working day of a month,
  // when the first tick sends the week's digest and the month's inspection.
  const env = {
    DATABASE_PATH: join(dir, 'guixiang.db'),
    LARK_APP_ID: APP_ID,
    LARK_APP_SECRET: 'test-app-secret',
    LARK_ENCRYPT_KEY: ENCRYPT_KEY,
    LARK_DOMAIN: fake.url,
    DASHBOARD_SECRET: 'partial-bodies-dashboard-secret',
  };
  server = await startServer(env, { clock: new Date('2026-12-01T02:00:00Z') });
}, 120_000);

afterAll(async () => {
  await server?.stop('SIGKILL');
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Opens a connection that announces a 256 KB body, sends 64 KB of it and then nothing more, the
 * way a slow or hostile client holds a server; resolves with the status line it gets, if any.
 */
function slowSender(port: number): { socket: Socket; answered: Promise<string> } {
  const socket = connect(port, '127.0.0.1');
  let got = '';
  const answered = new Promise<string>((resolve) => {
    socket.on('data', (d) => {
      got += d.toString();
      resolve(got.split('\r\n')[0]!);
    });
    socket.on('close', () => resolve(got.split('\r\n')[0] ?? 'closed'));
    socket.on('error', () => resolve('error'));
  });
  socket.on('connect', () => {
    socket.write(`POST /webhook/lark HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${256 * 1024}\r\n\r\n`);
    socket.write(`{"encrypt":"${'A'.repeat(64 * 1024)}`);
  });
  return { socket, answered };
}

describe('slow partial bodies to the Feishu webhook', () => {
  it(`${SENDERS} senders that stall mid-body keep the server under 200 MB, and it falls back near idle`, async () => {
    const port = Number(new URL(server!.base).port);
    await new Promise((r) => setTimeout(r, 2_000));
    const idle = server!.rss();
    const senders = Array.from({ length: SENDERS }, () => slowSender(port));
    let peak = 0;
    const watch = setInterval(() => (peak = Math.max(peak, server!.rss())), 100);
    const statuses = await Promise.all(senders.map((s) => s.answered));
    // /healthz still answers while they are held.
    expect((await fetch(`${server!.base}/healthz`)).status).toBe(200);
    for (const s of senders) s.socket.destroy();
    clearInterval(watch);
    // Memory goes back as the server collects: watched for up to half a minute (a busy machine
    // delays collection), the lowest reading kept.
    let after = server!.rss();
    for (let waited = 0; waited < 30_000 && after >= idle + 40 * MB; waited += 500) {
      await new Promise((r) => setTimeout(r, 500));
      after = Math.min(after, server!.rss());
    }
    const counts: Record<string, number> = {};
    for (const s of statuses) counts[s] = (counts[s] ?? 0) + 1;
    console.log(JSON.stringify({ senders: SENDERS, idleMb: +(idle / MB).toFixed(1), peakMb: +(peak / MB).toFixed(1), afterMb: +(after / MB).toFixed(1), statuses: counts }));
    // At most 64 bodies are read at once (503 for the rest at once); the 64 are dropped after 10 s.
    // A refused sender may see the 503, or (still writing its body when the server closes) a reset.
    const refused = (counts['HTTP/1.1 503 Service Unavailable'] ?? 0) + (counts.error ?? 0);
    expect(refused).toBeGreaterThanOrEqual(SENDERS - 64);
    expect(counts['HTTP/1.1 503 Service Unavailable'] ?? 0).toBeGreaterThan(SENDERS / 2);
    expect(peak).toBeLessThan(200 * MB);
    expect(after).toBeLessThan(idle + 40 * MB);
  }, 120_000);
});
