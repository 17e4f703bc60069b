export { createNodeChartRenderer } from './node.js';
export { createChartRenderer, type ChartRenderer, type ChartRendererDeps } from './render.js';
export { chartSvg } from './svg.js';
