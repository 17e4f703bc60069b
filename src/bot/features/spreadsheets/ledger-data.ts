import { ledgerAttendance, ledgerCadres, ledgerHistory, ledgerLinks, ledgerMeetings, ledgerMotions, ledgerRecords, ledgerSeconds, ledgerTalks } from '../../../db/repo/ledger.js';
import { pairingsUnder, problemCasesOf } from '../../../db/repo/problems.js';
import { getRegion, regionsUnder } from '../../../db/repo/regions.js';
import type { Db } from '../../../db/store.js';
import type { FiveOnesItem } from '../../../domain/five-ones.js';
import { KIND_LABELS } from '../../../domain/messages.js';
import { MEETING_KIND_LABELS, isMeetingKind } from '../../../domain/meetings/kinds.js';
import { electorateOf } from '../../../domain/meetings/quorum.js';
import { meetingMsg } from '../../../domain/meetings/messages.js';
import type { LedgerData, LedgerRecord } from '../../../domain/spreadsheets/ledger.js';
import { readTags } from '../../../domain/suggestions/index.js';
import type { Region } from '../../../domain/types.js';
import { civilDateOf, dateKey } from '../../../domain/zoned-time.js';
import { buildReport } from '../stations/report.js';
import { scopeOfRegion } from '../stations/scope.js';

/** Everything the ledger workbook shows for a region and all below it. */
export async function loadLedger(db: Db, scope: Region, now: Date, timeZone: string): Promise<LedgerData> {
  const path = scope.path;
  const today = dateKey(civilDateOf(now, timeZone));
  // The 汇总 sheet is the statistics model's report over all time: the same 完成率, colours and
  // pause rule as /stats, the dashboard and the scheduled reports.
  const [report, inside, cadres, recs, history, seconds, links, meetings, attendance, motions] = await Promise.all([
    buildReport(db, scopeOfRegion(scope), 'all', now, timeZone),
    regionsUnder(db, path),
    ledgerCadres(db, path, today),
    ledgerRecords(db, path),
    ledgerHistory(db, path),
    ledgerSeconds(db, path),
    ledgerLinks(db, path),
    ledgerMeetings(db, path),
    ledgerAttendance(db, path),
    ledgerMotions(db, path),
  ]);
  // The county and township above the scope name the places of a township's or village's rows.
  const above = await Promise.all(path.split('/').filter((code) => code !== scope.code).map((code) => getRegion(db, code)));
  const regions = [...above.filter((r): r is Region => r !== null), ...inside];
  const problemIds = recs.filter((r) => r.kind === 'problem').map((r) => r.id);
  const [cases, pairs] = await Promise.all([problemCasesOf(db, problemIds), pairingsUnder(db, path)]);
  const caseOf = new Map(cases.map((c) => [c.recordId, c]));
  const talks = await ledgerTalks(db, [...new Set(cadres.map((c) => c.id))], now.getTime());
  const items = new Map<string, Record<FiveOnesItem, number[]>>();
  const itemsOf = (personId: string) => {
    let m = items.get(personId);
    if (!m) {
      m = blankItems();
      items.set(personId, m);
    }
    return m;
  };
  for (const r of recs) if (r.kind !== 'problem') itemsOf(r.personId)[r.kind].push(r.createdAt);
  for (const [personId, dates] of talks) itemsOf(personId).talk.push(...dates);

  const decided = new Map<string, (typeof history)[number]>();
  // The review stands as decided: forwarding is its own history entry, not a new review.
  for (const h of history) if (h.action !== 'forward') decided.set(h.recordId, h);
  const secondsOf = new Map(seconds.map((s) => [s.recordId, s.n]));
  const linkNames = new Map<string, string[]>();
  const addLink = (id: string, name: string) => linkNames.set(id, [...(linkNames.get(id) ?? []), name]);
  for (const l of links) {
    addLink(l.fromId, `${KIND_LABELS[l.toKind]}#${l.toSeq}`);
    addLink(l.toId, `${KIND_LABELS[l.fromKind]}#${l.fromSeq}`);
  }
  const toLedger = (r: (typeof recs)[number]): LedgerRecord => {
    const d = decided.get(r.id);
    return {
      seq: r.seq,
      villageCode: r.regionCode,
      text: r.text,
      author: r.author,
      createdAt: r.createdAt,
      status: r.status,
      tags: readTags(r.category),
      seconds: secondsOf.get(r.id) ?? 0,
      decidedBy: d?.actorName ?? null,
      decidedAt: d?.at ?? null,
      comment: d?.comment ?? null,
      links: linkNames.get(r.id) ?? [],
    };
  };
  const byMeeting = new Map<string, (typeof attendance)[number][]>();
  for (const a of attendance) byMeeting.set(a.meetingId, [...(byMeeting.get(a.meetingId) ?? []), a]);
  return {
    scope,
    regions,
    summary: {
      units: report.rows.length > 0 ? report.rows.map((r) => ({ name: r.name, code: r.code, totals: r.totals, grade: r.grade })) : [{ name: scope.name, code: scope.code, totals: report.totals, grade: report.grade }],
      total: { name: '合计', code: scope.code, totals: report.totals, grade: report.grade },
    },
    cadres: cadres.map((c) => ({
      name: c.name,
      phone: c.phone,
      workUnit: c.workUnit,
      villageCode: c.villageCode,
      joined: Boolean(c.joined),
      pausedUntil: c.pausedUntil ?? null,
      items: items.get(c.id) ?? blankItems(),
    })),
    suggestions: recs.filter((r) => r.kind === 'suggestion').map(toLedger),
    deeds: recs.filter((r) => r.kind === 'deed').map(toLedger),
    visits: recs.filter((r) => r.kind === 'visit').map(toLedger),
    problems: recs
      .filter((r) => r.kind === 'problem')
      .map((r) => {
        const c = caseOf.get(r.id);
        return { ...toLedger(r), problem: c ? { owner: c.owner, deadline: c.deadline, closedAt: c.closedAt, verdict: c.verdict, verdictComment: c.verdictComment } : null };
      }),
    rules: recs.filter((r) => r.kind === 'rule').map(toLedger),
    motions: motions.map((v) => ({
      ...v,
      kind: v.kind && isMeetingKind(v.kind) ? MEETING_KIND_LABELS[v.kind] : '',
      passed: v.passed === null ? null : v.passed === 1,
      rule: ruleOf(v.kind),
    })),
    meetings: meetings.map((m) => ({
      seq: m.seq,
      regionCode: m.regionCode,
      title: m.title,
      kind: m.kind && isMeetingKind(m.kind) ? MEETING_KIND_LABELS[m.kind] : '',
      startsAt: m.startsAt,
      place: m.place,
      status: m.status,
      villagers: m.villagers,
      attendance: (byMeeting.get(m.id) ?? []).map((a) => ({ name: a.name, status: a.status, at: a.at, proxyBy: a.proxyBy })),
    })),
    pairings: pairs.map((p) => ({ villageCode: p.regionCode, name: p.name, pairedAt: p.pairedAt })),
    generatedAt: now.getTime(),
    timeZone,
  };
}

function blankItems(): Record<FiveOnesItem, number[]> {
  return { talk: [], visit: [], suggestion: [], deed: [], rule: [] };
}

function ruleOf(kind: string | null): string {
  const electorate = kind && isMeetingKind(kind) ? electorateOf(kind) : null;
  return electorate ? meetingMsg.voteRuleShort[electorate] : '';
}
