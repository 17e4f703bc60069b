import { initWasm, Resvg } from '@resvg/resvg-wasm';
import type { ChartSpec } from '../../../domain/types.js';
import { chartSvg, CHART_FONT_FAMILY } from './svg.js';

export interface ChartRendererDeps {
  /** The resvg WebAssembly module: compiled bytes on Node, an imported module on Workers. */
  wasm: () => Promise<WebAssembly.Module | BufferSource>;
  /** A font covering Chinese; resvg has no system fonts to fall back on. */
  font: () => Promise<Uint8Array>;
}

export interface ChartRenderer {
  render(spec: ChartSpec): Promise<Uint8Array>;
}

/**
 * Draws a ChartSpec as PNG: an SVG built here, rasterised by resvg compiled to WebAssembly, which
 * runs the same on Node and on Workers and needs no native build or network.
 */
export function createChartRenderer(deps: ChartRendererDeps): ChartRenderer {
  let ready: Promise<Uint8Array> | null = null;

  function prepare(): Promise<Uint8Array> {
    if (!ready) {
      ready = (async () => {
        const [wasm, font] = await Promise.all([deps.wasm(), deps.font()]);
        try {
          await initWasm(wasm);
        } catch (err) {
          // resvg's WebAssembly instance is per process; a second renderer reuses it.
          if (!/already initialized/iu.test(String(err))) throw err;
        }
        return font;
      })();
      ready.catch(() => {
        ready = null;
      });
    }
    return ready;
  }

  return {
    async render(spec) {
      const font = await prepare();
      const resvg = new Resvg(chartSvg(spec), {
        font: { fontBuffers: [font], defaultFontFamily: CHART_FONT_FAMILY, sansSerifFamily: CHART_FONT_FAMILY },
        textRendering: 2,
      });
      try {
        const image = resvg.render();
        try {
          return image.asPng();
        } finally {
          image.free();
        }
      } finally {
        resvg.free();
      }
    },
  };
}
