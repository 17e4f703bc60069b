/**
 * What /stats and /dashboard say to people. Short lines that fit a phone screen; every refusal
 * says what to send instead.
 */
import type { FiveOnesItem } from '../five-ones.js';
import type { Colour, Grade } from './standing.js';
import type { RegionLevel } from '../types.js';

/** Two-character item names: the full 乡情恳谈 etc. do not fit a phone line five times over. */
export const ITEM_SHORT: Record<FiveOnesItem, string> = {
  talk: '恳谈',
  visit: '走访',
  suggestion: '建议',
  deed: '实事',
  rule: '村规',
};

/** 五色督办 as the programme's documents write it. */
export const COLOUR_LABELS: Record<Colour, string> = { green: '绿', blue: '蓝', yellow: '黄', orange: '橙', red: '红' };
export const COLOUR_MARKS: Record<Colour, string> = { green: '🟢', blue: '🔵', yellow: '🟡', orange: '🟠', red: '🔴' };

export const GRADE_MARKS: Record<Grade, string> = { ...COLOUR_MARKS, none: '⚪' };
export const GRADE_LABELS: Record<Grade, string> = { ...COLOUR_LABELS, none: '暂无干部' };

/** How the colours are decided, said once for every output that shows them. */
export const COLOUR_RULE = '五个一完成率 ≥80% 且 14 天内有动静为绿，≥60% 蓝，≥40% 黄，≥20% 或 30 天内有动静为橙，其余为红。';

export const CHILDREN_HEADING: Record<RegionLevel, string> = {
  city: '各市州',
  county: '各县区',
  township: '各乡镇',
  village: '各村',
};

export const statsMsg = {
  /** A paused cadre: shown with the last day of the pause, and left out of the 完成率 meanwhile. */
  paused(until: string): string {
    return `暂停（至 ${until}）`;
  },
  pausedCount(n: number): string {
    return n > 0 ? `，暂停 ${n} 人（不计入）` : '';
  },
  totalsOnly: '这里只显示全村合计：每人的进度只给本人看（私聊我发「我的」），联络站可以查看每人明细。',
  usage: '用法：「统计」看本地区，「统计 江城镇 本周」看指定地区和时段。时段可写 本周、本月 或 全部（默认本月）。',
  failed: '统计没能算出来，请稍后再发送一次「统计」。一直不行的话，请联系工作专班。',
  tooManyWords: '统计后面最多写一个地区和一个时段，例如「统计 江城镇 本周」。',
  noScope: '统计只对联络服务站、工作专班和各村的干部、理事会开放。回乡干部请先在本村群里发送「登记 姓名」。',
  notFound(query: string): string {
    return `没有找到“${query}”。请写县区、乡镇或村的全称，或地区代码。`;
  },
  ambiguous(query: string, options: readonly { fullName: string; code: string }[]): string {
    const lines = [`“${query}”有 ${options.length} 个地方，请写全称或代码再发一次：`];
    for (const r of options.slice(0, 8)) lines.push(`· ${r.fullName}（${r.code}）`);
    if (options.length > 8) lines.push(`…共 ${options.length} 个`);
    return lines.join('\n');
  },
  outOfScope(name: string, mine: readonly string[]): string {
    return `抱歉，${name}不在您负责的范围内，看不了它的统计。您可以查看：${mine.join('、')}。`;
  },
  moreRows(n: number): string {
    return `…还有 ${n} 个，发送「看板」查看全部`;
  },
  noCadres(names: readonly string[], max: number): string {
    const shown = names.slice(0, max).join('、');
    return `⚪ 暂无干部：${shown}${names.length > max ? ` 等 ${names.length} 个` : ''}`;
  },
  idleLegend: '14天无动静 = 14 天没有任何记录或会议的村',
  colourLegend: `颜色：${COLOUR_RULE}暂停的干部不计入完成率。`,
  chartTitle(name: string): string {
    return `${name} 五个一完成率`;
  },
  chartCadreTitle(name: string): string {
    return `${name} 干部五个一完成项数`;
  },

  dashboardForbidden: '看板只对联络服务站和工作专班开放。',
  dashboardLink(scopeName: string, url: string, expires: string): string {
    return `${scopeName}统计看板（${expires} 前有效，请勿转发）：\n${url}`;
  },
  dashboardSentPrivately: '看板链接已私信发给您，请在与我的私聊里查看。',
  dashboardInvalid: '这个看板链接无效。请在群里或私聊我发送「看板」重新获取。',
  dashboardExpired: '这个看板链接已过期（有效期 24 小时）。请发送「看板」重新获取。',
  dashboardOutside: '这个地区不在链接的范围内。',
};
