/**
 * The worker thread that draws charts for the Node server (see threads.ts): resvg reads the 8 MB
 * Chinese font for every chart, 60–150 ms of CPU a chart (0.6 s for the first, with the
 * WebAssembly compiled), which on the main thread held every webhook behind a /stats.
 */
import type { ChartSpec } from '../../../domain/types.js';
import { answerRequests } from '../thread.js';
import { createNodeChartRenderer } from './node.js';

const renderer = createNodeChartRenderer();

answerRequests<ChartSpec, Uint8Array>(
  // A copy of its own: the bytes' buffer moves to the main thread, and must not be resvg's memory.
  async (spec) => (await renderer.render(spec)).slice(),
  (png) => [png.buffer as ArrayBuffer],
);
