import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chartSvg, createNodeChartRenderer } from '../../src/bot/engine/charts/index.js';
import { createThreadCharts } from '../../src/bot/engine/charts/threads.js';

const renderChart = createNodeChartRenderer().render;
import type { ChartSpec } from '../../src/domain/types.js';

const spec: ChartSpec = {
  title: '江川区 五个一完成率',
  kind: 'bar',
  labels: ['江城镇', '前卫镇', '<雄关乡>'],
  series: [{ name: '完成率', values: [15, 0, 100] }],
  unit: '%',
};

function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

describe('chart renderer', () => {
  it('builds an SVG with one bar per label, escaping names', () => {
    const svg = chartSvg(spec);
    expect(svg.match(/<rect x="\d+(\.\d+)?" y="[\d.]+" width="[\d.]+" height="18" rx="3"/gu)).toHaveLength(3);
    expect(svg).toContain('&lt;雄关乡&gt;');
    expect(svg).toContain('>15%</text>');
  });

  it('draws a PNG with the bundled Chinese font, without network', async () => {
    const png = await renderChart(spec);
    expect([...png.slice(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngSize(png)).toEqual({ width: 800, height: 162 });
    // Glyphs were drawn: without a font the same chart (bars only) is under 2 KB.
    expect(png.length).toBeGreaterThan(8_000);
  });

  it('caps very long charts and says how many bars were left out', () => {
    const many: ChartSpec = { ...spec, labels: Array.from({ length: 40 }, (_, i) => `村${i}`), series: [{ name: '完成率', values: Array.from({ length: 40 }, () => 10) }] };
    expect(chartSvg(many)).toContain('另有 10 项未画出');
  });
});

describe('charts drawn in a worker thread', () => {
  const logger = () => {
    const warnings: string[] = [];
    return { warnings, logger: { info() {}, warn: (m: string) => void warnings.push(m), error: (m: string) => void warnings.push(m) } };
  };

  it('draw the same PNG as this thread, one after another, and the thread is what drew them', { timeout: 60_000 }, async () => {
    const { warnings, logger: log } = logger();
    let drawnHere = 0;
    const here = {
      render(s: ChartSpec) {
        drawnHere += 1;
        return renderChart(s);
      },
    };
    const charts = createThreadCharts({ logger: log, here, entry: new URL('../../src/bot/engine/charts/thread.ts', import.meta.url) });
    try {
      const expected = await renderChart(spec);
      const other: ChartSpec = { ...spec, labels: ['甲村', '乙村'], series: [{ name: '完成率', values: [40, 60] }] };
      const [a, b, c] = await Promise.all([charts.render(spec), charts.render(other), charts.render(spec)]);
      expect(Buffer.from(a).equals(Buffer.from(expected))).toBe(true);
      expect(Buffer.from(c).equals(Buffer.from(expected))).toBe(true);
      expect(Buffer.from(b).equals(Buffer.from(await renderChart(other)))).toBe(true);
      expect(drawnHere).toBe(0);
      expect(warnings).toEqual([]);
    } finally {
      await charts.close();
    }
  });

  it('draws on this thread when the thread cannot start, and says so', { timeout: 60_000 }, async () => {
    const { warnings, logger: log } = logger();
    const dir = mkdtempSync(join(tmpdir(), 'guixiang-chart-thread-'));
    const broken = join(dir, 'broken-thread.mjs');
    writeFileSync(broken, "throw new Error('cannot start');\n");
    const charts = createThreadCharts({ logger: log, here: { render: renderChart }, entry: pathToFileURL(broken) });
    try {
      const png = await charts.render(spec);
      expect(Buffer.from(png).equals(Buffer.from(await renderChart(spec)))).toBe(true);
      expect(warnings.filter((w) => w.startsWith('chart drawn in the main thread'))).toHaveLength(1);
    } finally {
      await charts.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
