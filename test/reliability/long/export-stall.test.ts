import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityOf, commandsLatency, EXPORT_CLOCK, exportLatency, generateYuxi, latencySummary, percentile } from '../support/export-probe.js';
import { startServer, type RunningProcess } from '../support/server.js';

// In the long suite (one file at a time): it starts the real server on a city's data and times
// requests, which other test files on the same two cores would slow down.

let dir: string;
let server: RunningProcess | undefined;
let city: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'guixiang-export-'));
  const path = join(dir, 'yuxi.db');
  generateYuxi(path);
  city = cityOf(path);
  server = await startServer({ DATABASE_PATH: path }, { clock: EXPORT_CLOCK, localMode: true });
}, 180_000);

afterAll(async () => {
  await server?.stop('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('a city-wide export does not hold the server', () => {
  it('/healthz and a console webhook answer within a second each while 「导出 玉溪市」 is being built', async () => {
    // Before: the workbook was built on the event loop and every request waited minutes for it.
    const figures = await exportLatency(server!.base, city, '530402', { baselineMs: 3_000, windowMs: 30_000, intervalMs: 50 });
    const { during } = figures;
    // The export must really be running through the window for the figures to mean anything.
    expect(during.healthz.length, JSON.stringify({ exportMs: figures.exportMs, replies: figures.replies })).toBeGreaterThan(20);
    expect(Math.max(...during.healthz)).toBeLessThan(1_000);
    expect(Math.max(...during.webhook)).toBeLessThan(1_000);
    console.log(
      JSON.stringify({
        city,
        samples: during.healthz.length,
        exportMs: figures.exportMs,
        baseline: { healthzP99: percentile(figures.baseline.healthz, 99), webhookP99: percentile(figures.baseline.webhook, 99) },
        during: latencySummary(during),
        rssMb: Math.round(server!.rss() / 2 ** 20),
      }),
    );
  }, 120_000);

  it('/healthz and a console webhook answer at once while the city\'s and its counties\' 「统计」 are read', async () => {
    // Before: the figures were read on the event loop, 0.2–0.4 s for the city (over a second the
    // first time), and every request waited for them. Now a county or more is read in a thread.
    const commands = [`统计 ${city}`, `统计 ${city} 本周`, `统计 ${city} 全部`, '统计 江川区', '统计 红塔区 全部', `统计 ${city} 本月`, '统计 澄江市 本周', `统计 全部`];
    const { during, commandMs, replies } = await commandsLatency(server!.base, commands, '530402', 20);
    // Each command was answered with figures, not a refusal.
    expect(replies.every((r) => r.startsWith('📊')), JSON.stringify(replies)).toBe(true);
    expect(during.healthz.length).toBeGreaterThan(20);
    expect(Math.max(...during.healthz)).toBeLessThan(300);
    expect(Math.max(...during.webhook)).toBeLessThan(300);
    console.log(
      JSON.stringify({
        commands: commands.length,
        commandMs: commandMs.map(Math.round),
        samples: during.healthz.length,
        ...latencySummary(during),
      }),
    );
  }, 120_000);
});
