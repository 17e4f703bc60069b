import type { ProblemSummary } from './summary.js';

export type { ProblemSummary };

/** The dashboard's problem cards and pairing list; `esc` is the page's HTML escaping. */
export function problemCards(s: ProblemSummary, esc: (text: string) => string): string {
  const c = s.counts;
  const cards: [string, string][] = [
    ['问题待交办', `${c.open} 个`],
    ['问题办理中', `${c.working} 个`],
    ['办理超期', `${c.overdue} 个`],
    ['问题已办结', `${c.closed} 个（已确认 ${c.confirmed}）`],
    ['办结用时中位数', c.medianDays === null ? '—' : `${c.medianDays} 天`],
  ];
  const pairs = s.pairs.length ? s.pairs.map((p) => `<li>${esc(p.village)}：${esc(p.names.join('、'))}</li>`).join('') : '<li>未指定</li>';
  return `<dl class="cards" id="problems">${cards.map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`).join('')}</dl>
<details id="pairings"><summary>挂包联系（${s.pairs.length} 个村）</summary><ul>${pairs}</ul></details>`;
}
