import type { StoredPayload } from '../../../db/repo/outbox.js';
import { larkMsg } from './messages.js';
import type { ChartSpec } from '../../../domain/types.js';
import { escapeCardMarkdown, escapePlainText, isSafeUserId } from './escape.js';

/** Titles, buttons, charts and later edits need a card; a plain reply reads better as text. */
export function needsCard(p: StoredPayload): boolean {
  return Boolean(p.title || p.buttons?.length || p.chart || p.editOf);
}

type CardElement = Record<string, unknown>;

/**
 * A card in Feishu's JSON 2.0 schema. `update_multi` is required by 2.0 and lets a later patch
 * (a sign-in card showing who has signed in) change the card for everyone in the chat.
 */
export function renderCard(p: StoredPayload): Record<string, unknown> {
  const elements: CardElement[] = [];
  const body = [escapeCardMarkdown(p.text), mentionTags(p, (id) => `<at id=${id}></at>`)].filter(Boolean).join('\n');
  if (body) elements.push({ tag: 'markdown', content: body });
  if (p.chart) elements.push(chartElement(p.chart));
  for (const row of p.buttons ?? []) {
    elements.push({
      tag: 'column_set',
      flex_mode: 'flow',
      horizontal_spacing: '8px',
      columns: row.map((b, i) => ({
        tag: 'column',
        width: 'auto',
        elements: [
          {
            tag: 'button',
            text: { tag: 'plain_text', content: b.label },
            type: i === 0 ? 'primary' : 'default',
            // The press comes back as card.action.trigger with action.value = this value.
            behaviors: [{ type: 'callback', value: b.value }],
          },
        ],
      })),
    });
  }
  const card: Record<string, unknown> = { schema: '2.0', config: { update_multi: true }, body: { elements } };
  if (p.title) card.header = { title: { tag: 'plain_text', content: p.title }, template: 'blue' };
  return card;
}

/** What goes out when a card is refused: the same words, the chart as lines, buttons as hints. */
export function renderText(p: StoredPayload): string {
  const parts = [escapePlainText(p.title ?? ''), escapePlainText(p.text)];
  if (p.chart) parts.push(escapePlainText(larkMsg.chartText(p.chart)));
  const mentions = mentionTags(p, (id, name) => `<at user_id="${id}">${escapePlainText(name)}</at>`);
  if (mentions) parts.push(mentions);
  return parts.filter(Boolean).join('\n');
}

function mentionTags(p: StoredPayload, tag: (id: string, name: string) => string): string {
  return (p.mentions ?? [])
    .filter((m) => isSafeUserId(m.userId))
    .map((m) => tag(m.userId, m.name))
    .join(' ');
}

/** A VChart bar chart; several series are drawn side by side per label. */
export function chartElement(chart: ChartSpec): CardElement {
  const values = chart.series.flatMap((s) => chart.labels.map((label, i) => ({ label, series: s.name, value: s.values[i] ?? 0 })));
  const grouped = chart.series.length > 1;
  return {
    tag: 'chart',
    aspect_ratio: '16:9',
    chart_spec: {
      type: 'bar',
      title: { text: chart.title },
      data: [{ id: 'values', values }],
      xField: grouped ? ['label', 'series'] : 'label',
      yField: 'value',
      seriesField: 'series',
      legends: { visible: grouped },
      label: { visible: true },
      ...(chart.unit ? { axes: [{ orient: 'left', title: { visible: true, text: chart.unit } }] } : {}),
    },
  };
}
