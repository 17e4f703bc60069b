import type { ChartSpec } from '../../../domain/types.js';
import type { Logger } from '../ports.js';
import { oneThread, type ThreadEntry } from '../thread.js';
import type { ChartRenderer } from './render.js';

/** A thread with no chart to draw for this long is stopped (the font and resvg are some 40 MB). */
const IDLE_MS = 60_000;

export interface ThreadCharts extends ChartRenderer {
  close(): Promise<void>;
}

/**
 * Charts drawn in one worker thread (thread.ts), one at a time, in the order asked. A thread that
 * cannot start or fails leaves the drawing to `here`, with a warning each time: a chart late by a
 * stall beats a message without it.
 */
export function createThreadCharts(options: ThreadEntry & { logger: Logger; here: ChartRenderer }): ThreadCharts {
  const thread = oneThread<ChartSpec, Uint8Array>({ name: 'charts', idleMs: IDLE_MS, ...options });
  return {
    async render(spec) {
      try {
        const png = await thread.ask(spec);
        return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
      } catch (err) {
        options.logger.warn('chart drawn in the main thread (the thread failed)', { error: err instanceof Error ? err.message : String(err) });
        return options.here.render(spec);
      }
    },
    close: () => thread.close(),
  };
}
