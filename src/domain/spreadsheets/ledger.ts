/**
 * The ledger (台账) workbook the stations keep, as format-free sheets: 汇总 per sub-region,
 * 五个一台账 (a row per cadre, a column per item with its dates), 建议清单, 实事清单, 问题清单
 * (with each problem's owner, deadline, closing and verdict), 会议签到 and 挂包联系. A writer turns the sheets into XLSX; the layout lives here so it is tested alone.
 */
import { FIVE_ONES, FIVE_ONES_LABELS, type FiveOnesItem } from '../five-ones.js';
import { STATUS_LABELS } from '../messages.js';
import { VERDICT_LABELS, type Verdict } from '../problems/lifecycle.js';
import { formatDateTime } from '../time.js';
import type { Region } from '../types.js';
import type { StatsTotals } from '../stats/rollup.js';
import { GRADE_LABELS, statsMsg } from '../stats/messages.js';
import { completionRate, percent, type Grade } from '../stats/standing.js';
import { signInRate } from '../stats/rollup.js';
import type { VoteOutcome } from '../meetings/quorum.js';

export type Cell = string | number;

export interface SheetSpec {
  name: string;
  /** First line above the header: what the sheet is, for where and when. */
  title: string;
  header: string[];
  /** Column widths in characters. */
  widths: number[];
  rows: SheetRows;
  /** The last row sums the others (set in bold by the writer). */
  totalRow?: boolean;
  /** Said in the sheet when there is nothing to list. */
  empty?: string;
}

/**
 * A sheet's rows, with how many there are. The lists of a ledger are made a row at a time as
 * the writer takes them (lazyRows), so a city's sheets are never all in memory at once.
 */
export interface SheetRows extends Iterable<Cell[]> {
  readonly length: number;
}

/** Rows made from `items` one at a time, when they are read; read as often as asked. */
export function lazyRows<T>(items: readonly T[], row: (item: T, index: number) => Cell[]): SheetRows {
  return {
    length: items.length,
    *[Symbol.iterator]() {
      for (let i = 0; i < items.length; i++) yield row(items[i]!, i);
    },
  };
}

export interface LedgerCadre {
  name: string;
  phone: string | null;
  workUnit: string | null;
  villageCode: string;
  joined: boolean;
  /** Last day of a pause running on the day of the export: left out of the 完成率 meanwhile. */
  pausedUntil: string | null;
  /** Epoch ms of each recorded item, per five-ones item. */
  items: Record<FiveOnesItem, number[]>;
}

export interface LedgerRecord {
  seq: number;
  villageCode: string;
  text: string;
  author: string;
  createdAt: number;
  status: string;
  tags: string[];
  seconds: number;
  /** Latest review (or resolution): who and when, and the reviewer's words. */
  decidedBy: string | null;
  decidedAt: number | null;
  comment: string | null;
  /** Other records this one answers or is answered by, e.g. ["实事#4"]. */
  links: string[];
  /** A problem's owner, deadline, closing and its raiser's verdict, once it was assigned. */
  problem?: LedgerProblem | null;
}

export interface LedgerProblem {
  owner: string;
  deadline: string | null;
  closedAt: number | null;
  verdict: Verdict | null;
  verdictComment: string | null;
}

export interface LedgerMeeting {
  seq: number;
  regionCode: string;
  title: string;
  kind: string;
  startsAt: number;
  place: string | null;
  status: string;
  villagers: number;
  attendance: { name: string; status: string; at: number | null; proxyBy: string | null }[];
}

export interface LedgerMotion {
  meetingSeq: number;
  regionCode: string;
  meetingTitle: string;
  kind: string;
  startsAt: number;
  suggestionSeq: number;
  suggestion: string;
  /** Null while the vote is still open. */
  yes: number | null;
  no: number | null;
  abstain: number | null;
  passed: boolean | null;
  /** 应到 and 实到 of the electorate, stored when the vote closed. */
  expected: number | null;
  present: number | null;
  outcome: VoteOutcome | null;
  /** The quorum and majority rule of the meeting's kind, in words. */
  rule: string;
}

/** A 汇总 row: the statistics model's totals and colour of one sub-region (or the scope). */
export interface LedgerUnit {
  name: string;
  code: string;
  totals: StatsTotals;
  grade: Grade;
}

export interface LedgerData {
  scope: Region;
  /** Rows of the 汇总 sheet, from the same report /stats gives for the scope over all time. */
  summary: { units: readonly LedgerUnit[]; total: LedgerUnit };
  /** Every region inside the scope (the scope included), to name the county, township and village of a row. */
  regions: readonly Region[];
  cadres: readonly LedgerCadre[];
  suggestions: readonly LedgerRecord[];
  deeds: readonly LedgerRecord[];
  visits: readonly LedgerRecord[];
  problems: readonly LedgerRecord[];
  rules: readonly LedgerRecord[];
  /** Suggestions put to the vote at a meeting, with the tally once the meeting closed. */
  motions: readonly LedgerMotion[];
  /** Null when this deployment keeps no meetings. */
  meetings: readonly LedgerMeeting[] | null;
  /** 挂包联系: who answers for which village. */
  pairings?: readonly { villageCode: string; name: string; pairedAt: number }[];
  generatedAt: number;
  timeZone: string;
}

const ATTENDANCE_LABELS: Record<string, string> = { invited: '缺席', signed: '已签到', late: '迟到', leave: '请假' };
/** Someone still `invited` is absent only once the meeting was held; before that nobody is. */
const NOT_YET_LABELS: Record<string, string> = { draft: '未召开', scheduled: '未召开', open: '未签到', cancelled: '会议取消' };

function attendanceLabel(meetingStatus: string, status: string): string {
  if (status === 'invited' && meetingStatus !== 'closed') return NOT_YET_LABELS[meetingStatus] ?? '未召开';
  return ATTENDANCE_LABELS[status] ?? status;
}
const MEETING_STATUS_LABELS: Record<string, string> = { draft: '草稿', scheduled: '待召开', open: '签到中', closed: '已结束', cancelled: '已取消' };

export function ledgerSheets(data: LedgerData): SheetSpec[] {
  const places = placeNamer(data);
  const date = (ms: number | null) => (ms === null ? '' : formatDateTime(new Date(ms), data.timeZone).slice(0, 10));
  const stamp = `${data.scope.fullName} · 导出于 ${formatDateTime(new Date(data.generatedAt), data.timeZone)}`;
  const sheets: SheetSpec[] = [
    summarySheet(data, stamp),
    {
      name: '五个一台账',
      title: `五个一台账（${stamp}）`,
      header: ['序号', '县（市、区）', '乡镇（街道）', '村（社区）', '姓名', '手机', '工作单位', '已加入', ...FIVE_ONES.map((i) => FIVE_ONES_LABELS[i]), '完成项数', '是否完成', '暂停'],
      widths: [6, 12, 12, 12, 10, 14, 26, 8, 16, 16, 16, 16, 16, 10, 10, 18],
      rows: lazyRows(data.cadres, (c, i) => {
        const done = FIVE_ONES.filter((item) => c.items[item].length > 0).length;
        return [
          i + 1,
          ...places(c.villageCode),
          c.name,
          c.phone ?? '',
          c.workUnit ?? '',
          c.joined ? '是' : '否',
          ...FIVE_ONES.map((item) => [...c.items[item]].sort((a, b) => a - b).map(date).join('、')),
          done,
          done === FIVE_ONES.length ? '是' : '否',
          c.pausedUntil ? statsMsg.paused(c.pausedUntil) : '',
        ];
      }),
      empty: '没有回乡干部。',
    },
    {
      name: '建议清单',
      title: `建议清单（${stamp}）`,
      header: ['编号', '县（市、区）', '乡镇（街道）', '村（社区）', '建议内容', '类别', '提出人', '提出日期', '附议人数', '状态', '审核人', '审核日期', '审核意见', '关联'],
      widths: [10, 12, 12, 12, 40, 16, 10, 12, 8, 10, 10, 12, 24, 14],
      rows: lazyRows(data.suggestions, (r) => [
        `建议#${r.seq}`,
        ...places(r.villageCode),
        r.text,
        r.tags.join('、'),
        r.author,
        date(r.createdAt),
        r.seconds,
        statusText(r.status),
        r.decidedBy ?? '',
        date(r.decidedAt),
        r.comment ?? '',
        r.links.join('、'),
      ]),
      empty: '没有建议。',
    },
    {
      name: '实事清单',
      title: `实事清单（${stamp}）`,
      header: ['编号', '县（市、区）', '乡镇（街道）', '村（社区）', '实事内容', '办理人', '日期', '回应'],
      widths: [10, 12, 12, 12, 44, 10, 12, 18],
      rows: lazyRows(data.deeds, (r) => [`实事#${r.seq}`, ...places(r.villageCode), r.text, r.author, date(r.createdAt), r.links.join('、')]),
      empty: '没有实事。',
    },
    {
      name: '走访清单',
      title: `走访清单（${stamp}）`,
      header: ['编号', '县（市、区）', '乡镇（街道）', '村（社区）', '走访情况', '走访人', '日期'],
      widths: [10, 12, 12, 12, 48, 10, 12],
      rows: lazyRows(data.visits, (r) => [`走访#${r.seq}`, ...places(r.villageCode), r.text, r.author, date(r.createdAt)]),
      empty: '没有走访。',
    },
    {
      name: '问题清单',
      title: `问题清单（${stamp}）`,
      header: ['编号', '县（市、区）', '乡镇（街道）', '村（社区）', '问题内容', '类别', '反映人', '反映日期', '状态', '办理人', '办理期限', '办结日期', '反映人评价', '回应实事'],
      widths: [10, 12, 12, 12, 40, 16, 10, 12, 10, 10, 12, 12, 20, 14],
      rows: lazyRows(data.problems, (r) => [
        `问题#${r.seq}`,
        ...places(r.villageCode),
        r.text,
        r.tags.join('、'),
        r.author,
        date(r.createdAt),
        statusText(r.status),
        r.problem?.owner ?? '',
        r.problem?.deadline ?? '',
        date(r.problem?.closedAt ?? null),
        r.problem?.verdict ? [VERDICT_LABELS[r.problem.verdict], r.problem.verdictComment].filter(Boolean).join('：') : '',
        r.links.join('、'),
      ]),
      empty: '没有问题。',
    },
    {
      name: '村规清单',
      title: `村规民约修改意见（${stamp}）`,
      header: ['编号', '县（市、区）', '乡镇（街道）', '村（社区）', '修改意见', '提出人', '提出日期', '状态', '审核意见', '关联'],
      widths: [10, 12, 12, 12, 40, 10, 12, 10, 24, 14],
      rows: lazyRows(data.rules, (r) => [`村规#${r.seq}`, ...places(r.villageCode), r.text, r.author, date(r.createdAt), statusText(r.status), r.comment ?? '', r.links.join('、')]),
      empty: '没有村规民约修改意见。',
    },
  ];
  // 会议签到 is the longest sheet (a city's: some 220,000 sign-ins): its rows are made as they are written.
  const meetings = data.meetings ?? [];
  const meetingRows: SheetRows = {
    length: meetings.reduce((n, m) => n + m.attendance.length + (m.villagers > 0 ? 1 : 0), 0),
    *[Symbol.iterator]() {
      for (const m of meetings) {
        const base = [`会议#${m.seq}`, ...places(m.regionCode), m.title, m.kind, formatDateTime(new Date(m.startsAt), data.timeZone), m.place ?? '', MEETING_STATUS_LABELS[m.status] ?? m.status];
        for (const a of m.attendance) {
          yield [...base, a.name, attendanceLabel(m.status, a.status), a.at === null ? '' : formatDateTime(new Date(a.at), data.timeZone), a.proxyBy ?? ''];
        }
        if (m.villagers > 0) yield [...base, `村民 ${m.villagers} 人`, '代签', '', ''];
      }
    },
  };
  sheets.push({
    name: '会议签到',
    title: `会议签到（${stamp}）`,
    header: ['会议编号', '县（市、区）', '乡镇（街道）', '村（社区）', '会议名称', '类型', '时间', '地点', '会议状态', '姓名', '签到情况', '签到时间', '代签人'],
    widths: [10, 12, 12, 12, 24, 12, 17, 14, 10, 12, 10, 17, 10],
    rows: meetingRows,
    empty: data.meetings === null ? '本系统尚未启用会议功能。' : '没有会议。',
  });
  sheets.push({
    name: '会议表决',
    title: `会议表决（${stamp}）`,
    header: ['会议编号', '县（市、区）', '乡镇（街道）', '村（社区）', '会议名称', '类型', '时间', '建议编号', '建议内容', '赞成', '反对', '弃权', '结果', '应到', '实到', '表决规则'],
    widths: [10, 12, 12, 12, 24, 12, 17, 10, 36, 6, 6, 6, 18, 6, 6, 30],
    rows: lazyRows(data.motions, (v) => [
      `会议#${v.meetingSeq}`,
      ...places(v.regionCode),
      v.meetingTitle,
      v.kind,
      formatDateTime(new Date(v.startsAt), data.timeZone),
      `建议#${v.suggestionSeq}`,
      v.suggestion,
      v.yes ?? '',
      v.no ?? '',
      v.abstain ?? '',
      motionResult(v),
      v.expected ?? '',
      v.present ?? '',
      v.rule,
    ]),
    empty: '没有表决。',
  });
  sheets.push({
    name: '挂包联系',
    title: `挂包联系（${stamp}）`,
    header: ['县（市、区）', '乡镇（街道）', '村（社区）', '挂包联系人', '挂包日期'],
    widths: [12, 12, 12, 14, 12],
    rows: lazyRows(data.pairings ?? [], (p) => [...places(p.villageCode), p.name, date(p.pairedAt)]),
    empty: '还没有安排挂包联系。',
  });
  return sheets;
}

const OUTCOME_LABELS: Record<VoteOutcome, string> = { adopted: '通过', rejected: '未通过', invalid: '无效（未达法定人数）' };

function motionResult(v: LedgerMotion): string {
  if (v.outcome) return OUTCOME_LABELS[v.outcome];
  // Votes stored before the quorum rules knew only passed or not.
  return v.passed === null ? '表决中' : v.passed ? '通过' : '未通过';
}

function statusText(status: string): string {
  return STATUS_LABELS[status] ?? status;
}

/** County, township and village names of a region code (blank where the code is above that level). */
function placeNamer(data: LedgerData): (code: string) => [string, string, string] {
  const byCode = new Map(data.regions.map((r) => [r.code, r]));
  return (code) => {
    const out: [string, string, string] = ['', '', ''];
    for (const part of byCode.get(code)?.path.split('/') ?? []) {
      const r = byCode.get(part);
      if (r?.level === 'county') out[0] = r.name;
      else if (r?.level === 'township') out[1] = r.name;
      else if (r?.level === 'village') out[2] = r.name;
    }
    return out;
  };
}

/** One row per sub-region of the scope (the scope itself when it is a village), then the total. */
function summarySheet(data: LedgerData, stamp: string): SheetSpec {
  const line = (u: LedgerUnit): Cell[] => {
    const t = u.totals;
    return [
      u.name,
      u.code,
      t.villages,
      t.cadres,
      t.paused,
      t.joined,
      t.complete,
      percent(completionRate(t)),
      GRADE_LABELS[u.grade],
      ...FIVE_ONES.map((i) => t.itemDone[i]),
      t.suggestions,
      t.adopted,
      t.pendingReview,
      t.deeds,
      t.problemsOpen,
      t.meetings,
      t.expectedSignIns === 0 ? '' : percent(signInRate(t)),
    ];
  };
  return {
    name: '汇总',
    title: `汇总（${stamp}）`,
    header: [
      '地区',
      '代码',
      '参与村数',
      '回乡干部',
      '暂停',
      '已加入',
      '五个一全部完成',
      '完成率',
      '五色',
      ...FIVE_ONES.map((i) => `${FIVE_ONES_LABELS[i]}完成`),
      '建议',
      '已采纳',
      '待审核',
      '实事',
      '问题未解决',
      '会议场次',
      '签到率',
    ],
    widths: [16, 14, 8, 10, 6, 8, 14, 8, 8, 12, 12, 12, 12, 12, 8, 8, 8, 8, 10, 10, 8],
    rows: [...data.summary.units.map(line), line({ ...data.summary.total, name: '合计' })],
    totalRow: true,
  };
}
