/**
 * What the bot says about meetings, sign-in, votes, reminders and digests (five-ones reminders: load-messages.ts). Plain Chinese,
 * short enough for a phone; every refusal says what to do instead.
 */
import type { FiveOnesProgress } from '../five-ones.js';
import {
  COLOUR_LABELS,
  COLOUR_MARKS,
  COLOUR_RULE,
  COLOURS,
  MEETING_KIND_LABELS,
  recordsIn,
  type DigestLine,
  type AttendanceSummary,
  type GradedVillage,
  type MeetingKind,
  MEMBER_KIND_LABELS,
  type MemberKind,
  type VoteChoice,
  type VoteDecision,
  type VoteFigures,
  type VoteOutcome,
} from './index.js';
import { KIND_LABELS, progressLine, STATUS_LABELS } from '../messages.js';
import { GRADE_MARKS, statsMsg } from '../stats/messages.js';
import { completionRate, percent } from '../stats/standing.js';
import { formatDateTime } from '../time.js';
import { RECORD_KINDS } from '../types.js';
import { wallClockOf, weekdayOf, type CivilDate } from '../zoned-time.js';

/** The one name for a village with nothing recorded or held for 14 days, wherever it is shown. */
export const IDLE_TERM = '14天无动静';

/** 11月23日—29日, or 11月30日—12月6日 across a month: people do not read ISO week codes. */
export function dayRange(from: CivilDate, to: CivilDate): string {
  const end = from.year === to.year && from.month === to.month ? `${to.day}日` : `${to.month}月${to.day}日`;
  return `${from.month}月${from.day}日—${end}`;
}

const WEEKDAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** 2026-12-03 09:00（周四）: the form people check a parsed time against. */
export function meetingTime(at: number, timeZone: string): string {
  const w = wallClockOf(at, timeZone);
  return `${formatDateTime(new Date(at), timeZone)}（${WEEKDAY_NAMES[weekdayOf(w)]}）`;
}

function clock(at: number, timeZone: string): string {
  const w = wallClockOf(at, timeZone);
  return `${String(w.hour).padStart(2, '0')}:${String(w.minute).padStart(2, '0')}`;
}

export interface MeetingView {
  seq: number;
  kind: MeetingKind | null;
  title: string;
  place: string | null;
  startsAt: number;
  signinOpensAt: number;
  signinClosesAt: number;
}

/** 会议#6「村民代表会议」: the kind is added only when the title does not already say it. */
export function meetingHead(m: Pick<MeetingView, 'seq' | 'kind' | 'title'>): string {
  const label = m.kind ? MEETING_KIND_LABELS[m.kind] : null;
  return `会议#${m.seq}「${m.title}」${label && !m.title.includes(label) ? `（${label}）` : ''}`;
}
const head = meetingHead;

function whereWhen(m: MeetingView, tz: string): string {
  return `时间：${meetingTime(m.startsAt, tz)}${m.place ? `\n地点：${m.place}` : ''}`;
}

const pct = (n: number, d: number) => (d === 0 ? '0%' : `${Math.round((n * 100) / d)}%`);
const names = (list: readonly string[]) => (list.length ? list.join('、') : '无');

export const meetingMsg = {
  usage: '请按「会议 时间 名称 @地点」安排会议，例如「会议 明天下午3点 村民恳谈会 @村委会议室」。时间可以写「周五 14:30」「12月3日上午9点」「2026-12-03 09:00」。',
  badTime: {
    'no-date': '没看懂会议时间。请把时间写在最前面，例如「会议 明天下午3点 村民恳谈会」。',
    'no-time': '请写上几点开会，例如「会议 明天下午3点 村民恳谈会」。',
    'bad-date': '这个日期不存在，请检查月份和日期，例如「12月3日上午9点」。',
    'bad-time': '没看懂几点开会。请写成「下午3点」「14:30」这样的时间。',
  } as const,
  noTitle: '请在时间后面写上会议名称，例如「会议 明天下午3点 村民恳谈会」。',
  titleTooLong(max: number): string {
    return `会议名称太长了，请控制在 ${max} 字以内，详细内容可以会上再说。`;
  },
  groupOnly: '会议要在本村或联络站的群里安排，大家才能在群里签到。',
  scheduled(m: MeetingView, tz: string): string {
    return [
      `已安排 ${head(m)}`,
      whereWhen(m, tz),
      `签到时间：${clock(m.signinOpensAt, tz)}–${clock(m.signinClosesAt, tz)}，届时发送「签到」或点签到按钮；不能参加请提前发送「请假 理由」。`,
      '会前 24 小时和 1 小时我会提醒大家。',
    ].join('\n');
  },
  confirmPrompt(m: MeetingView, tz: string, reasons: { past: boolean; ambiguous: boolean; needKind: boolean }): string {
    const lines = [`请确认 ${head(m)}`, whereWhen(m, tz)];
    if (reasons.ambiguous) lines.push('没写上午还是下午，我按上面的时间理解。');
    if (reasons.past) lines.push('这个时间已经过去了。如果是补记已开过的会，请确认，签到从现在起开放 30 分钟。');
    lines.push(reasons.needKind ? '请选择会议类型（选择即确认）：' : '时间不对请点「取消」后重新发送。');
    return lines.join('\n');
  },
  confirmLabel: '确认',
  cancelLabel: '取消',
  draftGone: '这个会议已经确认或取消过了。',
  draftCancelled(seq: number): string {
    return `已取消会议#${seq}，可以重新发送「会议 时间 名称」。`;
  },
  onlyOrganiser: '只有安排会议的人才能确认。',

  talkUsage: '请写上恳谈的内容，例如「恳谈 参加了村里的乡情恳谈会，听取了规划意见」。',
  talkRecorded(seq: number, village: string, progress: FiveOnesProgress): string {
    return [`已记录 乡情恳谈（会议#${seq}，${village}）。`, progressLine(progress)].join('\n');
  },

  cancelUsage: '请写上要取消的会议号，例如「取消会议 会议#4 天气原因」。',
  moveUsage: '请写上会议号和新的时间，例如「改期 会议#4 周五下午3点」。',
  moveBadTime: {
    'no-date': '没看懂新的时间，例如「改期 会议#4 周五下午3点」。',
    'no-time': '请写上几点开会，例如「改期 会议#4 12月5日下午3点」。',
    'bad-date': '这个日期不存在，请检查月份和日期，例如「改期 会议#4 12月5日下午3点」。',
    'bad-time': '没看懂几点开会。请写成「下午3点」「14:30」这样的时间。',
  } as const,
  movePast: '新的时间已经过去了，请写一个以后的时间。',
  moveSame(m: MeetingView, tz: string): string {
    return `${head(m)} 本来就是 ${meetingTime(m.startsAt, tz)}，不用改期。`;
  },
  changeNotFound(seq: number): string {
    return `没有找到本群能改的会议#${seq}。已经开过的会不能取消或改期。`;
  },
  alreadyCancelled(m: MeetingView): string {
    return `${head(m)} 已经取消了。需要的话请重新发送「会议 时间 名称」安排。`;
  },
  alreadyUnderWay(m: MeetingView): string {
    return `${head(m)} 已经开始签到，不能再取消或改期。`;
  },
  cancelledNotice(m: MeetingView, tz: string, reason: string | null): string {
    return [`会议取消：${head(m)}`, `原定时间：${meetingTime(m.startsAt, tz)}`, reason ? `理由：${reason}` : '', '会议不再召开，不计缺席。'].filter(Boolean).join('\n');
  },
  movedNotice(m: MeetingView, oldAt: number, tz: string, ambiguous: boolean): string {
    return [
      `会议改期：${head(m)}`,
      `原定：${meetingTime(oldAt, tz)}`,
      `改为：${meetingTime(m.startsAt, tz)}${m.place ? `\n地点：${m.place}` : ''}`,
      ambiguous ? '没写上午还是下午，我按上面的时间理解；不对请再发「改期」。' : '',
      `签到时间：${clock(m.signinOpensAt, tz)}–${clock(m.signinClosesAt, tz)}。会前 24 小时和 1 小时我会按新时间提醒大家。`,
    ]
      .filter(Boolean)
      .join('\n');
  },

  reminder(m: MeetingView, tz: string, lead: '24h' | '1h'): string {
    const when = lead === '24h' ? '明天' : '1 小时后';
    return [`会议提醒：${when}召开 ${head(m)}`, whereWhen(m, tz), `签到时间 ${clock(m.signinOpensAt, tz)}–${clock(m.signinClosesAt, tz)}。不能参加请发送「请假 理由」。`].join('\n');
  },
  reminderPrivate(m: MeetingView, tz: string, lead: '24h' | '1h', place: string): string {
    return `${meetingMsg.reminder(m, tz, lead)}\n（${place}）`;
  },
  windowOpen(m: MeetingView, tz: string): string {
    return [`${head(m)} 开始签到`, `签到到 ${clock(m.signinClosesAt, tz)} 截止，${clock(m.startsAt, tz)} 以后签到记为迟到。`, '点下面的按钮或发送「签到」。组长可「代签 姓名」或「代签 村民 12人」。'].join('\n');
  },
  signinLabel: '签到',
  /** The sign-in card as it stands: the opening text and who has signed in so far. */
  /** A count, not names: the group never learns from it who came late or who is missing. */
  signinCard(m: MeetingView, tz: string, signed: number): string {
    return [this.windowOpen(m, tz), `已签到 ${signed} 人`].join('\n');
  },

  noMeeting: '本群现在没有要签到的会议。组长或理事会成员可以发送「会议 时间 名称」安排会议。',
  notOpenYet(m: MeetingView, tz: string): string {
    return `${head(m)} 的签到 ${clock(m.signinOpensAt, tz)} 开始，请到时再签到。`;
  },
  closed(m: MeetingView): string {
    return `${head(m)} 的签到已经截止。`;
  },
  unknownPerson: '我还不认识您，请先在本村群里发送「登记 姓名」，或请组长代签。',
  /**
   * Said in the group as a reply to the sender's own message, so it needs no name; a late sign-in
   * is not called late there (the record keeps it, and the organiser hears it in private).
   */
  signedIn(m: MeetingView): string {
    return `已签到：${head(m)}`;
  },
  alreadySignedIn: '您已经签过到了，不用重复签到。',
  signinToast(late: boolean): string {
    return late ? '已签到（迟到）' : '已签到';
  },

  proxyUsage: '请写上代签谁，例如「代签 张三」；没有账号的村民按人数代签，例如「代签 村民 12人」。',
  proxyNotFound(name: string): string {
    return `没有找到 ${name}。名册外的村民请按人数代签，例如「代签 村民 12人」。`;
  },
  proxyAmbiguous(name: string): string {
    return `有不止一位 ${name}，请联系本人自己签到。`;
  },
  proxySigned(names: readonly string[], by: string, m: MeetingView): string {
    return `${by} 已为 ${names.join('、')} 代签：${head(m)}`;
  },
  headCount(n: number, m: MeetingView): string {
    return `已登记村民到会 ${n} 人：${head(m)}（再次代签人数会改成新的数字）。`;
  },
  headCountInvalid: '人数要写 0 到 9999 之间的整数，例如「代签 村民 12人」。',

  leaveUsage: '请写上请假理由，例如「请假 在外出差」。',
  leaveTooLate(m: MeetingView): string {
    return `${head(m)} 已经开始，不能再请假了。`;
  },
  leaveAlreadySigned: '您已经签到了，不用请假。',
  leaveNoMeeting: '本群现在没有可以请假的会议。',
  leaveRecorded(m: MeetingView, reason: string): string {
    return `已记下请假：${head(m)}，理由：${reason}。不计缺席。`;
  },

  /** For the group: counts only. Who was late or absent goes to the organiser in private. */
  summary(m: MeetingView, s: AttendanceSummary): string {
    const expected = s.signed.length + s.late.length + s.leave.length + s.absent.length;
    return [
      `${head(m)} 签到结束`,
      `应到 ${expected} 人，实到 ${s.signed.length + s.late.length} 人，请假 ${s.leave.length} 人，代签 ${s.proxied.length} 人${s.villagers ? `；另有村民 ${s.villagers} 人到会` : ''}。`,
      '名单已私信发给会议组织人。',
    ].join('\n');
  },
  summaryPrivate(m: MeetingView, s: AttendanceSummary): string {
    const lines = [
      `${head(m)} 签到结束（名单只发给您，请勿转发到群里）`,
      `到会 ${s.present} 人（按时 ${s.signed.length}，迟到 ${s.late.length}${s.villagers ? `，村民 ${s.villagers}` : ''}），请假 ${s.leave.length} 人，缺席 ${s.absent.length} 人。`,
      `签到：${names(s.signed)}`,
      `迟到：${names(s.late)}`,
      `请假：${s.leave.length ? s.leave.map((l) => (l.reason ? `${l.name}（${l.reason}）` : l.name)).join('、') : '无'}`,
      `缺席：${names(s.absent)}`,
    ];
    if (s.proxied.length) lines.push(`其中代签：${s.proxied.join('、')}`);
    return lines.join('\n');
  },

  // votes
  voteUsage: '请写上要表决的建议号，例如「表决 建议#12」或「表决 建议#12 会议#6」；举手表决的计票：「表决 建议#12 赞成 20 反对 2 弃权 1」。',
  voteNeedsMeeting: '本群现在没有正在签到的党员大会或村民代表会议。表决要在这两种会议签到期间进行：请先安排会议，签到开放后再发送「表决 建议#N」。',
  voteMeetingNotFound(seq: number): string {
    return `本群没有会议#${seq}。请在开会的群里发送「表决 建议#N 会议#${seq}」。`;
  },
  voteMeetingNotOpen(m: MeetingView, tz: string): string {
    return `${head(m)} 现在不在签到时间。表决要在签到期间（${clock(m.signinOpensAt, tz)}–${clock(m.signinClosesAt, tz)}）进行。`;
  },
  voteWrongKind(kind: MeetingKind | null): string {
    return `${kind ? MEETING_KIND_LABELS[kind] : '这个会议'}不能表决建议，只有党员大会和村民代表会议可以。`;
  },
  voteNoElectorate(village: string, kind: MemberKind): string {
    const label = MEMBER_KIND_LABELS[kind];
    return `${village}还没有登记${label}名单，算不出应到人数，不能表决。请组长或联络站先发送「成员 ${village} 姓名 ${label}」登记。`;
  },
  voteNoSuggestion(seq: number): string {
    return `没有找到本村的建议#${seq}。发送「清单 建议」查看本村建议。`;
  },
  voteAlreadyOpen(seq: number): string {
    return `建议#${seq} 已经在本次会议上表决了，请点上面的按钮投票。`;
  },
  voteBadState(seq: number, status: string): string {
    return `建议#${seq} 现在是「${STATUS_LABELS[status] ?? status}」，不能再表决。`;
  },
  voteCard(seq: number, text: string, m: MeetingView, kind: MemberKind, expected: number): string {
    const label = MEMBER_KIND_LABELS[kind];
    return [
      `${head(m)} 表决：建议#${seq}`,
      `「${text}」`,
      `应到${label} ${expected} 人。到会的${label}每人一票，请点按钮：赞成 / 反对 / 弃权；举手表决的，主持人发送「表决 建议#${seq} 赞成 N 反对 N 弃权 N」计票。签到结束时统计结果。`,
    ].join('\n');
  },
  voteLabels: { yes: '赞成', no: '反对', abstain: '弃权' } as Record<VoteChoice, string>,
  voteNotSignedIn: '请先签到再投票。',
  voteNotMember(kind: MemberKind): string {
    return `这次表决只有本村${MEMBER_KIND_LABELS[kind]}投票。`;
  },
  voteAlreadyCast(choice: VoteChoice): string {
    return `您已经投过票了（${meetingMsg.voteLabels[choice]}），每人一票。`;
  },
  voteClosed: '这次表决已经结束了。',
  voteOtherChat: '表决只能在开会的群里进行。',
  voteCast(choice: VoteChoice): string {
    return `已投票：${meetingMsg.voteLabels[choice]}`;
  },
  voteCountNoMotion(seq: number): string {
    return `建议#${seq} 还没有提交本次会议表决，请先发送「表决 建议#${seq}」。`;
  },
  voteCountTooMany(total: number, present: number, kind: MemberKind): string {
    const label = MEMBER_KIND_LABELS[kind];
    return `计票合计 ${total} 票，多于已签到的${label}（${present} 人）。请先为到会的${label}签到或代签，再计票。`;
  },
  voteCounted(seq: number, c: { yes: number; no: number; abstain: number }, m: MeetingView): string {
    return `已记下 ${head(m)} 建议#${seq} 的计票：赞成 ${c.yes}，反对 ${c.no}，弃权 ${c.abstain}。签到结束时按此统计（再次计票会改成新的数字）。`;
  },
  /** The rule applied, with the numbers it needs for this meeting. */
  voteRule(kind: MemberKind, f: VoteFigures, d: VoteDecision): string {
    return kind === 'party'
      ? `规则：党员大会须三分之二以上党员到会（至少 ${d.quorum} 人），赞成票超过应到党员半数（至少 ${d.needed} 票）`
      : `规则：村民代表会议须三分之二以上村民代表到会（至少 ${d.quorum} 人），赞成票超过到会代表半数（${f.present < d.quorum ? '到会不足，不计' : `至少 ${d.needed} 票`}）`;
  },
  /** The rule in a ledger cell. */
  voteRuleShort: {
    party: '到会不少于应到党员三分之二，赞成超过应到党员半数',
    representative: '到会不少于应到代表三分之二，赞成超过到会代表半数',
  } as Record<MemberKind, string>,
  voteFigures(f: VoteFigures): string {
    return `应到 ${f.expected} 人，实到 ${f.present} 人；赞成 ${f.yes}，反对 ${f.no}，弃权 ${f.abstain}`;
  },
  voteOutcome: {
    adopted: '通过，建议已采纳',
    rejected: '未通过，建议不采纳',
    invalid: '无效（未达法定人数），建议状态不变',
  } as Record<VoteOutcome, string>,
  voteResult(seq: number, kind: MemberKind, f: VoteFigures, d: VoteDecision, m: MeetingView): string {
    return [`${head(m)} 表决结果：建议#${seq}`, meetingMsg.voteFigures(f), meetingMsg.voteRule(kind, f, d), `结果：${meetingMsg.voteOutcome[d.outcome]}。`].join('\n');
  },
  voteHistory(m: MeetingView, f: VoteFigures, outcome: VoteOutcome): string {
    const label = m.kind ? MEETING_KIND_LABELS[m.kind] : '会议';
    const word = outcome === 'adopted' ? '通过' : outcome === 'rejected' ? '未通过' : '无效（未达法定人数）';
    return `会议#${m.seq} ${label}表决${word}：应到 ${f.expected}，实到 ${f.present}，赞成 ${f.yes}，反对 ${f.no}，弃权 ${f.abstain}`;
  },
  /** 公示 in the village group: the decision and its figures; the proposer's name unless anonymous. */
  voteNotice(seq: number, text: string, proposer: string, f: VoteFigures, outcome: VoteOutcome, m: MeetingView): string {
    return [`【公示】${head(m)} 表决结果`, `建议#${seq}「${text}」（提出人：${proposer}）`, `${meetingMsg.voteFigures(f)}；${meetingMsg.voteOutcome[outcome]}。`].join('\n');
  },
  submitterVoteOpened(name: string, seq: number, m: MeetingView): string {
    return `${name}，您的建议#${seq} 已提交 ${head(m)} 表决。`;
  },
  submitterVoteResult(name: string, seq: number, f: VoteFigures, outcome: VoteOutcome): string {
    return `${name}，您的建议#${seq} 表决结果：${meetingMsg.voteFigures(f)}；${meetingMsg.voteOutcome[outcome]}。`;
  },

  // party members and villager representatives
  memberUsage: '请按「成员 村名 姓名 党员」或「成员 村名 姓名 村民代表」登记，例如「成员 温泉村 李四 村民代表」；不再是的，在后面加「移除」。',
  memberNoVillage(place: string): string {
    return `没有找到村「${place}」。请写村名，例如「成员 温泉村 李四 党员」。`;
  },
  memberAmbiguous(place: string, names: readonly string[]): string {
    return `「${place}」有 ${names.length} 个：${names.join('、')}。请写得更完整些。`;
  },
  memberAmbiguousPerson(name: string): string {
    return `本村有不止一位 ${name}，请联系联络站在名册里区分后再登记。`;
  },
  memberNameTooLong: '姓名太长了，请写 1 到 20 个字。',
  memberAdded(village: string, name: string, kind: MemberKind, total: number, isNew: boolean): string {
    const label = MEMBER_KIND_LABELS[kind];
    return `已登记 ${name} 为 ${village} 的${label}${isNew ? `（名册外人员，开会时由组长「代签 ${name}」）` : ''}。本村${label}共 ${total} 人。`;
  },
  memberRemoved(village: string, name: string, kind: MemberKind, total: number): string {
    const label = MEMBER_KIND_LABELS[kind];
    return `已把 ${name} 从 ${village} 的${label}名单移除，以后的表决不再计入应到。本村${label}共 ${total} 人。`;
  },
  memberNotListed(village: string, name: string, kind: MemberKind): string {
    return `${village} 的${MEMBER_KIND_LABELS[kind]}名单里没有 ${name}。`;
  },
  memberAlready(village: string, name: string, kind: MemberKind): string {
    return `${name} 已经是 ${village} 的${MEMBER_KIND_LABELS[kind]}。`;
  },

  // 周调度 and 月督查
  weeklyDigest(o: {
    days: { from: CivilDate; to: CivilDate };
    area: string;
    total: DigestLine;
    lines: readonly DigestLine[];
    idle: readonly string[];
    waiting: readonly { seq: number; village: string; days: number }[];
  }): string {
    const w = o.total.week;
    const t = o.total.sofar;
    const weekKinds: Record<(typeof RECORD_KINDS)[number], number> = { suggestion: w.suggestions, deed: w.deeds, visit: w.visits, problem: w.problems, rule: w.rules };
    const kinds = RECORD_KINDS.map((k) => `${KIND_LABELS[k]} ${weekKinds[k]}`).join('，');
    const out = [
      `周调度 · ${o.area} · ${dayRange(o.days.from, o.days.to)}`,
      `本周新增：${kinds}，会议 ${w.meetings} 场`,
      `累计：记录 ${recordsIn(t)} 条，会议 ${t.meetings} 场；在册干部 ${t.cadres} 人，已登记 ${t.joined} 人（${pct(t.joined, t.cadres)}）${statsMsg.pausedCount(t.paused)}；五个一完成率 ${percent(completionRate(t))}，五项全完成 ${t.complete} 人`,
      `建议审核：${stateLine(t.suggestionStates)}`,
      '分区情况：',
      ...o.lines.map(
        (l) =>
          `· ${GRADE_MARKS[l.grade]}${l.name}：本周 ${recordsIn(l.week)} 条、会议 ${l.week.meetings} 场；累计 ${recordsIn(l.sofar)} 条、会议 ${l.sofar.meetings} 场；干部 ${l.sofar.joined}/${l.sofar.cadres} 已登记${statsMsg.pausedCount(l.sofar.paused)}，完成率 ${percent(completionRate(l.sofar))}，五项全完成 ${l.sofar.complete} 人；建议 ${stateLine(l.sofar.suggestionStates)}`,
      ),
      `${IDLE_TERM}的村（${o.idle.length} 个）：${o.idle.length ? shortList(o.idle, 20) : '无'}`,
      `待审核超过 7 天的建议（${o.waiting.length} 条）：${o.waiting.length ? shortList(o.waiting.map((w) => `建议#${w.seq}（${w.village}，${w.days} 天）`), 15) : '无'}`,
    ];
    return out.join('\n');
  },
  weeklyTitle: '周调度',
  monthlyTitle: '月督查',
  monthlyInspection(o: {
    month: string;
    area: string;
    graded: readonly GradedVillage[];
    stations: ReadonlyMap<string, string>;
  }): string {
    const counts = COLOURS.map((c) => `${COLOUR_MARKS[c]}${COLOUR_LABELS[c]} ${o.graded.filter((g) => g.colour === c).length}`).join('  ');
    const lines = [`月督查 · ${o.area} · ${o.month}`, `五色督办：${counts}`, `评定：${COLOUR_RULE}暂停的干部不计入完成率。`];
    for (const c of COLOURS) {
      const list = o.graded.filter((g) => g.colour === c);
      if (list.length === 0 || c === 'red') continue;
      lines.push(`${COLOUR_MARKS[c]}${COLOUR_LABELS[c]}：${shortList(list.map((g) => `${g.village.fullName}（${percent(g.rate)}）`), 15)}`);
    }
    const red = o.graded.filter((g) => g.colour === 'red');
    lines.push(`${COLOUR_MARKS.red}红色督办（${red.length} 个）：${red.length ? '' : '无'}`);
    for (const g of red) {
      const idle = g.idleDays === null ? '从未有动静' : `${g.idleDays}天无动静`;
      lines.push(`· ${g.village.fullName}：五个一完成率 ${percent(g.rate)}，${idle}；挂包联系：${o.stations.get(g.village.code) ?? '未指定'}`);
    }
    return lines.join('\n');
  },
};

function stateLine(states: Record<string, number>): string {
  const entries = Object.entries(states).filter(([, n]) => n > 0);
  if (entries.length === 0) return '无';
  const order = ['pending', 'voting', 'adopted', 'rejected', 'merged', 'forwarded'];
  entries.sort((a, b) => (order.indexOf(a[0]) + 99) % 99 - ((order.indexOf(b[0]) + 99) % 99));
  return entries.map(([s, n]) => `${STATUS_LABELS[s] ?? s} ${n}`).join('，');
}

function shortList(items: readonly string[], max: number): string {
  return items.length <= max ? items.join('、') : `${items.slice(0, max).join('、')} 等 ${items.length} 个`;
}
