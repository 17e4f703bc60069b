import { getRegion } from '../../../db/repo/regions.js';
import { closedProblems, decidedSuggestions, villageVotes } from '../../../db/repo/publicity.js';
import { findRegions } from '../../../db/repo/regions.js';
import type { Db } from '../../../db/store.js';
import { mayUse, mayUseIn } from '../../../domain/access.js';
import { isMeetingKind, MEETING_KIND_LABELS } from '../../../domain/meetings/kinds.js';
import { publicMsg } from '../../../domain/publicity/messages.js';
import { statsMsg } from '../../../domain/stats/messages.js';
import { formatDateTime } from '../../../domain/time.js';
import type { Region } from '../../../domain/types.js';
import { replyPlan, type CommandHandler } from '../../engine/context.js';
import type { DashboardKeys } from './dashboard-link.js';

/**
 * A public page is meant to be posted in the village group and read for weeks, so its link lives
 * longer than a station's dashboard link; it shows nothing a villager may not see.
 */
export const PUBLIC_LINK_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The signed scope of a public page. Distinct from a region code, so a public link never opens
 * the station dashboard of the same village, and a dashboard link is never a public one.
 */
const PREFIX = 'public:';
export const publicScope = (code: string) => `${PREFIX}${code}`;
export const publicCodeOf = (scope: string): string | null => (scope.startsWith(PREFIX) ? scope.slice(PREFIX.length) : null);

/** 「看板 公示 温泉村」: a signed link to the village's public notice page, answered where asked. */
export function publicLinkCommand(deps: { keys: DashboardKeys; baseUrl: string }): CommandHandler {
  return async (ctx, args) => {
    if (!mayUse('dashboard', ctx.actor.roles)) return replyPlan(ctx, statsMsg.dashboardForbidden);
    const place = args.trim();
    let village: Region | null = null;
    if (!place) {
      if (ctx.region?.level !== 'village') return replyPlan(ctx, publicMsg.usage);
      village = ctx.region;
    } else {
      const villages = (await findRegions(ctx.db, place, 50)).filter((r) => r.level === 'village');
      if (villages.length === 0) return replyPlan(ctx, publicMsg.notVillage(place));
      const mine = villages.filter((v) => mayUseIn('dashboard', ctx.actor.roles, v));
      if (mine.length === 0) return replyPlan(ctx, statsMsg.outOfScope(villages[0]!.fullName, []));
      if (mine.length > 1) return replyPlan(ctx, publicMsg.ambiguous(place, mine.map((v) => v.fullName)));
      village = mine[0]!;
    }
    if (!mayUseIn('dashboard', ctx.actor.roles, village)) return replyPlan(ctx, statsMsg.outOfScope(village.fullName, []));
    const expires = ctx.now.getTime() + PUBLIC_LINK_TTL_MS;
    const scope = publicScope(village.code);
    const query = new URLSearchParams({ r: scope, e: String(expires), s: await deps.keys.sign({ scope, expires }) });
    return replyPlan(ctx, publicMsg.link(village.fullName, `${deps.baseUrl}/dashboard?${query.toString()}`, formatDateTime(new Date(expires), ctx.timeZone)));
  };
}

const esc = (s: string) => s.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);
const kindLabel = (k: string | null) => (k && isMeetingKind(k) ? MEETING_KIND_LABELS[k] : '会议');

function table(header: readonly string[], rows: readonly (string | number)[][], empty: string, id: string): string {
  if (rows.length === 0) return `<p class="empty" id="${id}">${esc(empty)}</p>`;
  const head = header.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${esc(String(c))}</td>`).join('')}</tr>`).join('\n');
  return `<table id="${id}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The village's public notice page, or null when the code is not a village. */
export async function renderPublicPage(db: Db, code: string, o: { now: Date; expires: number; timeZone: string; nonce: string }): Promise<string | null> {
  const village = code.length <= 64 ? await getRegion(db, code) : null;
  if (village?.level !== 'village') return null;
  const [suggestions, votes, problems] = await Promise.all([decidedSuggestions(db, code), villageVotes(db, code), closedProblems(db, code)]);
  const day = (ms: number | null) => (ms === null ? '' : formatDateTime(new Date(ms), o.timeZone).slice(0, 10));
  // The vote that decided a suggestion: its latest valid one.
  const deciding = new Map<string, (typeof votes)[number]>();
  for (const v of votes) if (v.outcome === 'adopted' || v.outcome === 'rejected') deciding.set(v.recordId, v);
  const voteRows = votes.map((v) => [
    `会议#${v.meetingSeq} ${kindLabel(v.kind)}`,
    day(v.startsAt),
    `建议#${v.seq}「${v.text}」`,
    v.author,
    v.expected ?? '',
    v.present ?? '',
    v.yes ?? 0,
    v.no ?? 0,
    v.abstain ?? 0,
    v.outcome ? publicMsg.outcome[v.outcome] : v.passed ? '通过' : '未通过',
  ]);
  const suggestionRows = suggestions.map((s) => {
    const v = deciding.get(s.id);
    const basis = v
      ? publicMsg.byMeeting(v.meetingSeq, kindLabel(v.kind), { expected: v.expected ?? 0, present: v.present ?? 0, yes: v.yes ?? 0, no: v.no ?? 0, abstain: v.abstain ?? 0 })
      : publicMsg.byReview;
    return [`建议#${s.seq}`, s.text, s.author, publicMsg.decisions[s.status] ?? s.status, day(s.decidedAt ?? s.updatedAt), basis];
  });
  const problemRows = problems.map((p) => [`问题#${p.seq}`, p.text, day(p.decidedAt ?? p.updatedAt)]);
  const title = publicMsg.pageTitle(village.fullName);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<title>${esc(title)}</title>
<style nonce="${o.nonce}">
body{font-family:system-ui,"Noto Sans SC","PingFang SC",sans-serif;margin:1rem;color:#222;max-width:60rem}
h1{font-size:1.3rem}h2{font-size:1.1rem;margin-top:1.5rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border:1px solid #ccc;padding:.3rem .4rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}.empty{color:#666}.note{color:#666;font-size:.85rem}
</style></head><body>
<h1 id="title">${esc(title)}</h1>
<p class="note" id="note">${esc(publicMsg.generated(formatDateTime(o.now, o.timeZone), formatDateTime(new Date(o.expires), o.timeZone)))}</p>
<h2>${esc(publicMsg.suggestionsHeading)}</h2>
${table(publicMsg.suggestionsHeader, suggestionRows, publicMsg.suggestionsEmpty, 'suggestions')}
<h2>${esc(publicMsg.votesHeading)}</h2>
${table(publicMsg.votesHeader, voteRows, publicMsg.votesEmpty, 'votes')}
<h2>${esc(publicMsg.problemsHeading)}</h2>
${table(publicMsg.problemsHeader, problemRows, publicMsg.problemsEmpty, 'problems')}
</body></html>`;
}
