import { escapeMarkup } from '../../../domain/markup.js';
import type { ChartSpec } from '../../../domain/types.js';

/** Family name of the bundled font (Noto Sans Hans); the SVG asks for it by name. */
export const CHART_FONT_FAMILY = 'Noto Sans Hans';

/** Beyond this many bars a phone picture is unreadable; the chart says how many were left out. */
export const MAX_BARS = 30;

const WIDTH = 800;
const ROW = 30;
const TITLE_H = 56;
const FOOT_H = 28;
const FONT = 16;
const PALETTE = ['#2563eb', '#f59e0b', '#10b981', '#ef4444'];

const esc = escapeMarkup;

/** Rough advance width: CJK glyphs are square, Latin digits and letters about half as wide. */
export function textWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) w += /[\u0000-\u00ff]/u.test(ch) ? size * 0.58 : size;
  return w;
}

function fit(text: string, max: number, size: number): string {
  if (textWidth(text, size) <= max) return text;
  let out = '';
  for (const ch of text) {
    if (textWidth(`${out + ch}…`, size) > max) break;
    out += ch;
  }
  return `${out}…`;
}

function formatValue(v: number, unit: string | undefined): string {
  const n = Number.isInteger(v) ? String(v) : v.toFixed(1);
  return unit ? `${n}${unit}` : n;
}

/**
 * A horizontal bar chart as SVG: horizontal bars keep long Chinese region names on one readable
 * line, where vertical bars would need rotated labels.
 */
export function chartSvg(spec: ChartSpec): string {
  const count = Math.min(spec.labels.length, MAX_BARS);
  const series = spec.series.slice(0, PALETTE.length);
  const labels = spec.labels.slice(0, count);
  const values = series.flatMap((s) => s.values.slice(0, count)).filter((v) => Number.isFinite(v));
  const max = spec.unit === '%' ? Math.max(100, ...values) : Math.max(1, ...values);
  const labelW = Math.min(220, Math.max(80, ...labels.map((l) => textWidth(l, FONT)))) + 16;
  const valueW = 72;
  const plotW = WIDTH - labelW - valueW - 16;
  const band = ROW * Math.max(1, series.length);
  const legendH = series.length > 1 ? 24 : 0;
  const omitted = spec.labels.length - count;
  const height = TITLE_H + legendH + band * count + (omitted > 0 ? FOOT_H : 0) + 16;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="${CHART_FONT_FAMILY}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="16" y="36" font-size="22" font-weight="bold" fill="#111827">${esc(fit(spec.title, WIDTH - 32, 22))}</text>`,
  ];
  if (legendH) {
    let x = 16;
    series.forEach((s, i) => {
      parts.push(`<rect x="${x}" y="${TITLE_H - 6}" width="14" height="14" fill="${PALETTE[i]}"/>`);
      parts.push(`<text x="${x + 20}" y="${TITLE_H + 6}" font-size="14" fill="#374151">${esc(s.name)}</text>`);
      x += 40 + textWidth(s.name, 14);
    });
  }
  const top = TITLE_H + legendH;
  for (let i = 0; i < count; i++) {
    const y = top + i * band;
    if (i % 2 === 1) parts.push(`<rect x="0" y="${y}" width="${WIDTH}" height="${band}" fill="#f8fafc"/>`);
    parts.push(`<text x="${labelW - 8}" y="${y + band / 2 + FONT * 0.35}" font-size="${FONT}" text-anchor="end" fill="#111827">${esc(fit(labels[i]!, labelW - 16, FONT))}</text>`);
    series.forEach((s, k) => {
      const v = s.values[i] ?? 0;
      const safe = Number.isFinite(v) ? Math.max(0, v) : 0;
      const w = Math.max(safe > 0 ? 2 : 0, (safe / max) * plotW);
      const by = y + k * ROW + 6;
      parts.push(`<rect x="${labelW}" y="${by}" width="${w.toFixed(1)}" height="${ROW - 12}" rx="3" fill="${PALETTE[k]}"/>`);
      parts.push(`<text x="${(labelW + w + 6).toFixed(1)}" y="${by + (ROW - 12) / 2 + 5}" font-size="14" fill="#374151">${esc(formatValue(v, spec.unit))}</text>`);
    });
  }
  parts.push(`<line x1="${labelW}" y1="${top}" x2="${labelW}" y2="${top + band * count}" stroke="#9ca3af"/>`);
  if (omitted > 0) {
    parts.push(`<text x="16" y="${top + band * count + 20}" font-size="14" fill="#6b7280">另有 ${omitted} 项未画出</text>`);
  }
  parts.push('</svg>');
  return parts.join('');
}
