import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createChartRenderer, type ChartRenderer } from './render.js';

/**
 * The renderer on Node: resvg's .wasm and the Noto Sans Hans font (SIL OFL 1.1) are read from
 * their npm packages, so nothing is fetched at run time. Create one per process and keep it: the
 * 8 MB font is read on the first chart, and re-reading it per chart would cost more than drawing.
 */
export function createNodeChartRenderer(): ChartRenderer {
  const require = createRequire(import.meta.url);
  return createChartRenderer({
    wasm: async () => new Uint8Array(await readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm'))),
    // The package exports only its metadata module; the fonts sit beside it.
    font: async () => new Uint8Array(await readFile(join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts', 'NotoSansHans-Regular.otf'))),
  });
}
