import { FIVE_ONES } from '../five-ones.js';
import { CHILDREN_HEADING, GRADE_MARKS, ITEM_SHORT, statsMsg } from './messages.js';
import { formatMonthDay } from '../time.js';
import type { ChartSpec } from '../types.js';
import { PERIOD_WORDS, type PeriodRange } from './period.js';
import { signInRate, type CadreFacts, type StatsReport, type StatsRow } from './rollup.js';
import { completionRate, isIdle, percent } from './standing.js';

export { percent };

/** A chat reply stays readable on a phone: beyond this many sub-regions the dashboard shows the rest. */
export const MAX_ROWS = 30;
const MAX_EMPTY_NAMES = 12;

export function periodLabel(range: PeriodRange, timeZone: string): string {
  if (range.period === 'all') return PERIOD_WORDS.all;
  const from = formatMonthDay(new Date(range.from), timeZone);
  const to = formatMonthDay(new Date(range.to - 1), timeZone);
  return `${PERIOD_WORDS[range.period]}（${from}至${to}）`;
}

function day(at: number | null, timeZone: string): string {
  return at === null ? '无' : formatMonthDay(new Date(at), timeZone);
}

/** The /stats reply: totals of the scope, then one line per sub-region (or per cadre in a village). */
export interface ReportAudience {
  /**
   * False in a village group and for anyone but stations: only the village's totals, never who did
   * what, so no one is shown as lagging to colleagues; each person sees their own with 我的.
   */
  perPerson: boolean;
}

export function formatReport(report: StatsReport, timeZone: string, audience: ReportAudience = { perPerson: true }): string {
  const t = report.totals;
  const lines = [
    `📊 ${report.scope.fullName} · ${periodLabel(report.range, timeZone)}`,
    `回乡干部 ${t.cadres} 人：名册 ${t.onRoster}，已登记 ${t.joined}${statsMsg.pausedCount(t.paused)}`,
    `五个一完成率 ${percent(completionRate(t))}，五项全完成 ${t.complete} 人`,
    `各项已做人数：${FIVE_ONES.map((i) => `${ITEM_SHORT[i]} ${t.itemDone[i]}`).join(' · ')}`,
    `建议 ${t.suggestions} 条（采纳 ${t.adopted}，待审 ${t.pendingReview}）· 实事 ${t.deeds} 件 · 走访 ${t.visits} 次`,
    `问题 ${t.problems} 个（待解决 ${t.problemsOpen}）· 村规建议 ${t.rules} 条`,
    `会议 ${t.meetings} 场 · 签到率 ${percent(signInRate(t))}`,
  ];
  if (report.scope.level === 'village') {
    lines.push(`最近活动 ${day(t.lastAt, timeZone)}${isIdle(t.lastAt, report.now) && t.cadres > 0 ? ' · 14天无动静' : ''}`);
    if (!audience.perPerson) {
      lines.push(statsMsg.totalsOnly);
      return lines.join('\n');
    }
    if (report.cadres.length > 0) {
      lines.push('—— 干部 ——');
      for (const c of report.cadres) lines.push(cadreLine(c, timeZone));
    }
    return lines.join('\n');
  }
  lines.push(`参与村 ${t.villages} 个，14天无动静 ${t.idleVillages} 个 · 最近活动 ${day(t.lastAt, timeZone)}`);
  if (report.rows.length > 0) {
    const level = report.rows[0]!.level;
    lines.push(`—— ${CHILDREN_HEADING[level]} ——`);
    const active = report.rows.filter((r) => r.totals.cadres + r.totals.paused > 0);
    const empty = report.rows.filter((r) => r.totals.cadres + r.totals.paused === 0);
    for (const row of active.slice(0, MAX_ROWS)) lines.push(rowLine(row, timeZone));
    if (active.length > MAX_ROWS) lines.push(statsMsg.moreRows(active.length - MAX_ROWS));
    // Places without cadres share one line: on a phone they would push the real rows off screen.
    if (empty.length > 0) lines.push(statsMsg.noCadres(empty.map((r) => r.name), MAX_EMPTY_NAMES));
    if (t.idleVillages > 0) lines.push(statsMsg.idleLegend);
  }
  return lines.join('\n');
}

function rowLine(row: StatsRow, timeZone: string): string {
  const t = row.totals;
  const head = `${GRADE_MARKS[row.grade]} ${row.name}`;
  const parts = [`${head} ${percent(completionRate(t))}`, `${t.cadres}人${t.paused > 0 ? `（暂停${t.paused}）` : ''}`, `建议${t.suggestions}`, `实事${t.deeds}`];
  if (row.level === 'village') {
    parts.push(`最近${day(t.lastAt, timeZone)}`);
  } else if (t.idleVillages > 0) {
    parts.push(`无动静${t.idleVillages}村`);
  }
  return parts.join(' · ');
}

function cadreLine(c: CadreFacts, timeZone: string): string {
  const done = FIVE_ONES.filter((i) => c.items[i] > 0).length;
  const boxes = FIVE_ONES.map((i) => (c.items[i] > 0 ? '✅' : '⬜')).join('');
  const tail = c.pausedUntil ? statsMsg.paused(c.pausedUntil) : c.joined ? `最近${day(c.lastAt, timeZone)}` : '未登记';
  return `${c.name} ${done}/5 ${boxes} · ${tail}`;
}

/** The picture: completion per sub-region, or items done per cadre inside a village. */
export function reportChart(report: StatsReport, audience: ReportAudience = { perPerson: true }): ChartSpec | null {
  if (report.scope.level === 'village') {
    if (report.cadres.length === 0 || !audience.perPerson) return null;
    return {
      title: statsMsg.chartCadreTitle(report.scope.name),
      kind: 'bar',
      labels: report.cadres.map((c) => c.name),
      series: [{ name: '完成项数', values: report.cadres.map((c) => FIVE_ONES.filter((i) => c.items[i] > 0).length) }],
      unit: '项',
    };
  }
  if (report.rows.length === 0) return null;
  return {
    title: statsMsg.chartTitle(report.scope.name),
    kind: 'bar',
    labels: report.rows.map((r) => r.name),
    series: [{ name: '完成率', values: report.rows.map((r) => Math.round((completionRate(r.totals) ?? 0) * 100)) }],
    unit: '%',
  };
}
