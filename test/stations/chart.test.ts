import { describe, expect, it } from 'vitest';
import { chartSvg, createNodeChartRenderer } from '../../src/bot/engine/charts/index.js';

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
