/** Text the Feishu adapter shows people, beyond what the handlers say. */
import type { ChartSpec } from '../../../domain/types.js';

export const larkMsg = {
  /** How replies name the platform (「绑定账号」). */
  platformLabel: '飞书',
  /**
   * Feishu events carry no sender name; until the person registers (登记) we call them by the
   * tail of their open_id so operators can still tell two newcomers apart.
   */
  unnamedUser(openId: string): string {
    return `飞书用户${openId.slice(-4)}`;
  },
  /** Toast for a submitted card form whose answer arrives as a message. */
  formReceived: '已提交',
  mentionAll: '@所有人',
  /** A chart as lines of text, for chats where the chart card cannot be shown. */
  chartText(chart: ChartSpec): string {
    const unit = chart.unit ?? '';
    const lines = [chart.title];
    chart.labels.forEach((label, i) => {
      const values = chart.series.map((s) => (chart.series.length > 1 ? `${s.name} ${s.values[i] ?? 0}${unit}` : `${s.values[i] ?? 0}${unit}`));
      lines.push(`· ${label}：${values.join('，')}`);
    });
    return lines.join('\n');
  },
};
