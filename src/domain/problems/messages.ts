import { dayRange } from '../meetings/messages.js';
import type { CivilDate } from '../zoned-time.js';
import { PROBLEM_STATUS_LABELS, VERDICT_LABELS, type ProblemStatus, type Verdict } from './lifecycle.js';

export function statusLabel(status: string): string {
  return PROBLEM_STATUS_LABELS[status as ProblemStatus] ?? status;
}

/** Problem counts of an area as /stats, the dashboard and the pairing summary show them. */
export interface ProblemCounts {
  open: number;
  working: number;
  overdue: number;
  closed: number;
  confirmed: number;
  /** Median days from raised to closed, of those closed; null when none is. */
  medianDays: number | null;
}

export interface OverdueProblem {
  seq: number;
  village: string;
  owner: string;
  deadline: string;
  days: number;
}

export interface PairingView {
  village: string;
  names: readonly string[];
}

function shortList(items: readonly string[], max: number): string {
  return items.length <= max ? items.join('、') : `${items.slice(0, max).join('、')} 等 ${items.length} 个`;
}

/** Texts of the problem lifecycle (交办, 办结, 确认) and of pairing (挂包联系). */
export const px = {
  assignUsage: '请写「交办 问题#3 姓名 [期限]」，期限可写 2027-01-31、12月20日、月底 或 10天内，也可以不写。',
  notFound: (seq: number) => `没有找到问题#${seq}，请核对编号。`,
  deadline: {
    unreadable: '看不懂这个期限，请写 2027-01-31、12月20日、月底 或 10天内；也可以不写期限。',
    'bad-date': '这个日期不存在，请检查月份和日期，例如 2027-01-31。',
    past: '这个期限已经过去了，请写今天或以后的日期。',
    'too-far': '期限最长一年，请写一年以内的日期。',
  } as Record<'unreadable' | 'bad-date' | 'past' | 'too-far', string>,
  ownerNotFound: (name: string, village: string) =>
    `没有找到能办理${village}问题的 ${name}：请写本村登记过的干部、组长、理事会成员，或负责本村的联络站工作人员的姓名。`,
  ownerAmbiguous: (name: string) => `有不止一位 ${name}，无法确定交给谁，请联系联络站核实。`,
  notAssignable: (seq: number, status: string) =>
    status === 'resolved' ? `问题#${seq} 已办结，正等反映人确认；反映人不满意时会重新打开。` : `问题#${seq} 已确认办结，不能再交办。`,
  assigned: (seq: number, village: string, owner: string, deadline: string | null, before: string | null) =>
    `已交办 问题#${seq}（${village}）给 ${owner}${deadline ? `，期限 ${deadline}` : '，未定期限'}${before && before !== owner ? `（原办理人 ${before}）` : ''}。`,
  ownerUnreached: (owner: string) => `${owner} 还没有私聊过我，没能私下通知，请转告。`,
  toOwner: (o: { seq: number; village: string; text: string; by: string; deadline: string | null }) =>
    [
      `${o.by} 把 问题#${o.seq}（${o.village}）交给您办理：${o.text}`,
      o.deadline ? `期限：${o.deadline}` : '',
      `办好后请发「办结 问题#${o.seq} 办理情况」，或记实事时写上「回应问题#${o.seq}」。`,
    ]
      .filter(Boolean)
      .join('\n'),

  closeUsage: '请写「办结 问题#3 办理情况」，例如「办结 问题#3 已清淤，水渠通了」。',
  notAssignedYet: (seq: number) => `问题#${seq} 还没有交办，请组长或联络站先发「交办 问题#${seq} 姓名」。`,
  notOwner: (seq: number, owner: string) => `问题#${seq} 由 ${owner} 办理，只有办理人可以办结。`,
  notWorking: (seq: number, status: string) => `问题#${seq} 现在是「${statusLabel(status)}」，不能办结。`,
  closed: (seq: number, raiser: string) => `已办结 问题#${seq}，已请反映人 ${raiser} 确认（满意、基本满意或不满意）。`,
  toRaiser: (o: { seq: number; village: string; text: string; owner: string; how: string }) =>
    `您反映的 问题#${o.seq}（${o.village}：${o.text}）已由 ${o.owner} 办结：${o.how}\n请回复「确认 问题#${o.seq} 满意」「确认 问题#${o.seq} 基本满意」或「确认 问题#${o.seq} 不满意 意见」。`,
  villageNotice: (o: { seq: number; text: string; owner: string; how: string }) => `【公开】问题#${o.seq} 已办结：${o.text}\n办理人：${o.owner}；办理情况：${o.how}`,

  confirmUsage: '请写「确认 问题#3 满意」、「确认 问题#3 基本满意」或「确认 问题#3 不满意 意见」。',
  notRaiser: (seq: number) => `只有反映 问题#${seq} 的人可以确认办理结果。`,
  notResolved: (seq: number, status: string) =>
    status === 'confirmed' ? `问题#${seq} 已经确认过了。` : `问题#${seq} 现在是「${statusLabel(status)}」，办结后才能确认。`,
  confirmed: (seq: number, verdict: Verdict) => `已确认 问题#${seq}：${VERDICT_LABELS[verdict]}。谢谢您的反馈！`,
  reopened: (seq: number, owner: string) => `问题#${seq} 已重新打开，已告知办理人 ${owner} 继续办理。`,
  toOwnerReopened: (o: { seq: number; raiser: string; comment: string | null }) =>
    `${o.raiser} 对 问题#${o.seq} 的办理结果不满意${o.comment ? `：${o.comment}` : ''}。问题已重新打开，请继续办理，办好后再发「办结 问题#${o.seq} 办理情况」。`,

  /** What a deed saying 「回应问题#N」 did to the problem, as a line of the deed's reply. */
  linkedClosed: (seq: number) => `已关联 问题#${seq}（已办结，已请反映人确认）`,
  linkedForOwner: (seq: number, owner: string) => `已关联 问题#${seq}（由办理人 ${owner} 办结）`,
  linkedUnassigned: (seq: number) => `已关联 问题#${seq}（待交办：组长或联络站交办后由办理人办结）`,
  linked: (seq: number, status: string) => `已关联 问题#${seq}（${statusLabel(status)}）`,
  toOwnerProgress: (o: { seq: number; by: string; deedSeq: number; text: string }) =>
    `${o.by} 记了 实事#${o.deedSeq}，回应您办理的 问题#${o.seq}：${o.text}\n问题办好了的话，请发「办结 问题#${o.seq} 办理情况」。`,

  /** A problem being worked on, as a note of its line in 清单: 「王海办理，期限12-20（超期）」. */
  listNote: (owner: string, deadline: string | null, overdue: boolean) =>
    `${owner}办理${deadline ? `，期限${deadline.slice(5)}` : ''}${overdue ? '（超期）' : ''}`,
  reopenedUnassigned: (seq: number) => `问题#${seq} 已重新打开，请组长或联络站「交办 问题#${seq} 姓名」。`,

  pairUsage: '请写「挂包 村名 姓名」，例如「挂包 温泉村 赵强」；取消写「取消挂包 村名 姓名」。',
  noVillage: (place: string) => `没有找到村“${place}”，请写村名，重名时写带乡镇的全称。`,
  villageAmbiguous: (place: string, options: readonly string[]) => `“${place}”有 ${options.length} 个村：${shortList(options, 8)}。请写带乡镇的全称。`,
  pairPersonNotFound: (name: string, village: string) => `${name} 不是负责${village}的联络站工作人员，不能挂包。请写乡镇或县级联络站工作人员的姓名。`,
  pairPersonAmbiguous: (name: string) => `负责这个村的联络站有不止一位 ${name}，请联系工作专班核实。`,
  paired: (village: string, name: string) => `已挂包：${village} — ${name}。每周一私信收到本村周报，本村的催办也先私信告知。`,
  alreadyPaired: (village: string, name: string) => `${name} 已经挂包${village}。`,
  toPaired: (village: string, by: string) => `${by} 安排您挂包联系 ${village}：每周一私信收到本村周报，本村的催办也先私信告知。`,
  unpaired: (village: string, name: string) => `已取消挂包：${village} — ${name}。`,
  notPaired: (village: string, name: string) => `${name} 没有挂包${village}。`,

  countsLine: (c: ProblemCounts) =>
    `问题办理：待交办 ${c.open}，办理中 ${c.working}（超期 ${c.overdue}），已办结 ${c.closed}（已确认 ${c.confirmed}）${c.medianDays === null ? '' : `，办结用时中位 ${c.medianDays} 天`}`,
  pairsLine: (pairs: readonly PairingView[]) =>
    `挂包联系：${pairs.length ? shortList(pairs.map((p) => `${p.village}（${p.names.join('、')}）`), 10) : '未指定'}`,
  /** Overdue problems; `withOwners` only for a private message: a group never sees who is late. */
  overdueLine: (list: readonly OverdueProblem[], withOwners: boolean) =>
    `超期未办结的问题（${list.length} 个）：${list.length ? shortList(list.map((o) => `问题#${o.seq}（${o.village}，${withOwners ? `${o.owner}，` : ''}超期 ${o.days} 天）`), 15) : '无'}`,
  unassignedLine: (list: readonly { seq: number; village: string; days: number }[], days: number) =>
    `待交办超过 ${days} 天的问题（${list.length} 个）：${list.length ? shortList(list.map((o) => `问题#${o.seq}（${o.village}，${o.days} 天）`), 15) : '无'}`,
  /** The weekly digest's lines on problems: waiting to be assigned, and late. */
  digestLines: (unassigned: readonly { seq: number; village: string; days: number }[], days: number, overdue: readonly OverdueProblem[]) =>
    `${px.unassignedLine(unassigned, days)}\n${px.overdueLine(overdue, false)}`,
  pairWeeklyTitle: '挂包联系周报',
  pairWeekly: (o: {
    village: string;
    days: { from: CivilDate; to: CivilDate };
    added: string;
    waiting: readonly { seq: number; days: number }[];
    counts: ProblemCounts;
    unassigned: readonly { seq: number; village: string; days: number }[];
    unassignedDays: number;
    overdue: readonly OverdueProblem[];
  }) =>
    [
      `挂包联系周报 · ${o.village} · ${dayRange(o.days.from, o.days.to)}`,
      `本周新增：${o.added}`,
      `待审核超过 7 天的建议（${o.waiting.length} 条）：${o.waiting.length ? shortList(o.waiting.map((w) => `建议#${w.seq}（${w.days} 天）`), 15) : '无'}`,
      px.countsLine(o.counts),
      px.unassignedLine(o.unassigned, o.unassignedDays),
      px.overdueLine(o.overdue, true),
    ].join('\n'),
};
