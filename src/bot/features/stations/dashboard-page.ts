import { escapeMarkup } from '../../../domain/markup.js';
import { FIVE_ONES, FIVE_ONES_LABELS } from '../../../domain/five-ones.js';
import { completionRate, isIdle, percent, PERIODS, PERIOD_WORDS, periodLabel, reportChart, signInRate, type Period, type StatsReport, type StatsTotals } from '../../../domain/stats/index.js';
import { GRADE_LABELS, GRADE_MARKS, statsMsg } from '../../../domain/stats/messages.js';
import { formatDateTime, formatMonthDay } from '../../../domain/time.js';
import { problemCards, type ProblemSummary } from '../problems/dashboard.js';

export interface DashboardView {
  report: StatsReport;
  timeZone: string;
  period: Period;
  /** From the link's region down to the one shown; the last has no link. */
  crumbs: { name: string; href: string | null }[];
  /** Link that opens a region (or the same region in another period) with the same signature. */
  href: (code: string, period: Period) => string;
  expires: number;
  nonce: string;
  /** Problems to closure and pairing in the area shown (the problems feature's numbers). */
  problems?: ProblemSummary;
}

const esc = escapeMarkup;

function day(at: number | null, tz: string): string {
  return at === null ? '无' : formatMonthDay(new Date(at), tz);
}

function totalsCells(t: StatsTotals): string {
  const cells = [
    percent(completionRate(t)),
    String(t.cadres),
    String(t.joined),
    String(t.complete),
    ...FIVE_ONES.map((i) => String(t.itemDone[i])),
    String(t.suggestions),
    String(t.adopted),
    String(t.pendingReview),
    String(t.deeds),
    String(t.visits),
    String(t.problemsOpen),
    String(t.meetings),
    percent(signInRate(t)),
  ];
  return cells.map((c) => `<td class="num">${esc(c)}</td>`).join('');
}

const REGION_HEAD = [
  '完成率',
  '干部',
  '已登记',
  '五项全完成',
  ...FIVE_ONES.map((i) => `${FIVE_ONES_LABELS[i]}(人)`),
  '建议',
  '采纳',
  '待审',
  '实事',
  '走访',
  '问题待解决',
  '会议',
  '签到率',
];

function regionTable(v: DashboardView): string {
  const { report, timeZone } = v;
  const rows = report.rows
    .map((r) => {
      const villageIdle = r.totals.cadres > 0 && isIdle(r.totals.lastAt, report.now);
      const idle = r.level === 'village' ? villageIdle : r.totals.idleVillages > 0;
      const flag = r.level === 'village' ? (villageIdle ? '<span class="red">14天无动静</span>' : '') : r.totals.idleVillages > 0 ? `<span class="red">${r.totals.idleVillages} 村无动静</span>` : '';
      return `<tr class="${idle ? 'idle' : ''}" data-code="${esc(r.code)}"><th scope="row"><span title="${esc(GRADE_LABELS[r.grade])}">${GRADE_MARKS[r.grade]}</span> <a class="drill" href="${esc(v.href(r.code, v.period))}">${esc(r.name)}</a> ${flag}</th>${totalsCells(r.totals)}<td>${esc(day(r.totals.lastAt, timeZone))}</td></tr>`;
    })
    .join('\n');
  const t = report.totals;
  return `<table id="rows"><thead><tr><th>名称</th>${REGION_HEAD.map((h) => `<th>${esc(h)}</th>`).join('')}<th>最近活动</th></tr></thead>
<tbody>${rows}</tbody>
<tfoot><tr><th scope="row">合计</th>${totalsCells(t)}<td>${esc(day(t.lastAt, timeZone))}</td></tr></tfoot></table>`;
}

function cadreTable(v: DashboardView): string {
  const rows = v.report.cadres
    .map((c) => {
      const done = FIVE_ONES.filter((i) => c.items[i] > 0).length;
      const items = FIVE_ONES.map((i) => `<td class="num">${c.items[i] > 0 ? `✅ ${c.items[i]}` : '⬜'}</td>`).join('');
      return `<tr class="cadre"><th scope="row">${esc(c.name)}</th><td>${c.pausedUntil ? esc(statsMsg.paused(c.pausedUntil)) : c.joined ? '已登记' : '未登记'}</td>${items}<td class="num">${done}/5</td><td>${esc(day(c.lastAt, v.timeZone))}</td></tr>`;
    })
    .join('\n');
  return `<table id="cadres"><thead><tr><th>干部</th><th>账号</th>${FIVE_ONES.map((i) => `<th>${esc(FIVE_ONES_LABELS[i])}</th>`).join('')}<th>完成</th><th>最近活动</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function summary(t: StatsTotals, v: DashboardView): string {
  const cards: [string, string][] = [
    ['五个一完成率', percent(completionRate(t))],
    ['回乡干部', `${t.cadres} 人`],
    ['已登记', `${t.joined} 人`],
    ['五项全完成', `${t.complete} 人`],
    ['建议', `${t.suggestions} 条（采纳 ${t.adopted}，待审 ${t.pendingReview}）`],
    ['为民实事', `${t.deeds} 件`],
    ['实地走访', `${t.visits} 次`],
    ['问题待解决', `${t.problemsOpen} / ${t.problems}`],
    ['会议 · 签到率', `${t.meetings} 场 · ${percent(signInRate(t))}`],
    ['最近活动', day(t.lastAt, v.timeZone)],
  ];
  if (v.report.scope.level !== 'village') cards.push(['14天无动静的村', `${t.idleVillages} / ${t.villages}`]);
  return `<dl class="cards">${cards.map(([k, val]) => `<div><dt>${esc(k)}</dt><dd>${esc(val)}</dd></div>`).join('')}</dl>`;
}

/** The chart is drawn in the browser from this data; the tables carry the same numbers for print. */
const CHART_SCRIPT = `
(function () {
  var el = document.getElementById('chart-data');
  var svg = document.getElementById('chart');
  if (!el || !svg) return;
  var spec = JSON.parse(el.textContent);
  var NS = 'http://www.w3.org/2000/svg';
  var values = spec.series[0].values;
  var max = spec.unit === '%' ? 100 : Math.max(1, Math.max.apply(null, values));
  var rowH = 26, left = 150, width = 640, top = 8;
  svg.setAttribute('viewBox', '0 0 ' + (left + width + 70) + ' ' + (top * 2 + rowH * values.length));
  function add(name, attrs, text) {
    var n = document.createElementNS(NS, name);
    for (var k in attrs) n.setAttribute(k, attrs[k]);
    if (text !== undefined) n.textContent = text;
    svg.appendChild(n);
    return n;
  }
  values.forEach(function (v, i) {
    var y = top + i * rowH;
    add('text', { x: left - 8, y: y + 17, 'text-anchor': 'end', 'class': 'label' }, spec.labels[i]);
    add('rect', { x: left, y: y + 4, width: Math.max(1, (v / max) * width), height: rowH - 8, rx: 3, 'class': 'bar' + (v === 0 ? ' zero' : '') });
    add('text', { x: left + (v / max) * width + 6, y: y + 17, 'class': 'value' }, v + (spec.unit || ''));
  });
})();`;

export function renderDashboardPage(v: DashboardView): string {
  const { report } = v;
  const chart = reportChart(report);
  const crumbs = v.crumbs.map((c) => (c.href ? `<a class="crumb" href="${esc(c.href)}">${esc(c.name)}</a>` : `<span class="crumb current">${esc(c.name)}</span>`)).join(' › ');
  const periods = PERIODS.map((p) =>
    p === v.period ? `<strong>${PERIOD_WORDS[p]}</strong>` : `<a class="period" href="${esc(v.href(report.scope.code, p))}">${PERIOD_WORDS[p]}</a>`,
  ).join(' · ');
  const table = report.scope.level === 'village' ? cadreTable(v) : regionTable(v);
  // JSON inside <script> must not be able to close the element.
  const chartJson = chart ? JSON.stringify(chart).replace(/</gu, '\\u003c') : '';
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${esc(report.scope.fullName)} · 归乡统计看板</title>
<style nonce="${v.nonce}">
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0;padding:16px;color:#1f2937;background:#f8fafc}
h1{font-size:20px;margin:8px 0}nav{margin:4px 0 12px}a{color:#1d4ed8}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px;margin:0 0 16px}
.cards div{background:#fff;border:1px solid #e5e7eb;border-radius:8px;padding:8px}.cards dt{font-size:12px;color:#6b7280}.cards dd{margin:4px 0 0;font-size:16px;font-weight:600}
.scroll{overflow-x:auto;background:#fff;border:1px solid #e5e7eb;border-radius:8px}
table{border-collapse:collapse;font-size:13px;white-space:nowrap}th,td{padding:6px 8px;border-bottom:1px solid #f1f5f9;text-align:left}td.num{text-align:right}
tr.idle th{color:#b91c1c}.red{color:#b91c1c;font-size:12px}tfoot th,tfoot td{font-weight:700}
#chart{width:100%;max-width:860px;background:#fff;border:1px solid #e5e7eb;border-radius:8px;margin:0 0 16px}
#chart .bar{fill:#2563eb}#chart .bar.zero{fill:#cbd5e1}#chart .label,#chart .value{font-size:13px;fill:#374151}
footer{margin-top:16px;font-size:12px;color:#6b7280}
</style></head><body>
<h1 id="title">${esc(report.scope.fullName)} · ${esc(periodLabel(report.range, v.timeZone))}</h1>
<nav id="crumbs">${crumbs}</nav>
<nav id="periods">${periods}</nav>
${summary(report.totals, v)}
${v.problems ? problemCards(v.problems, esc) : ''}
${chart ? `<h2>${esc(chart.title)}</h2><svg id="chart" role="img" aria-label="${esc(chart.title)}"></svg><script type="application/json" id="chart-data">${chartJson}</script>` : ''}
<div class="scroll">${table}</div>
<footer>${esc(statsMsg.colourLegend)} ${esc(statsMsg.idleLegend)}。 · 链接 ${esc(formatDateTime(new Date(v.expires), v.timeZone))} 前有效，请勿转发。</footer>
${chart ? `<script nonce="${v.nonce}">${CHART_SCRIPT}</script>` : ''}
</body></html>`;
}

export function renderDashboardError(text: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>归乡统计看板</title></head><body><p id="error">${esc(text)}</p></body></html>`;
}
