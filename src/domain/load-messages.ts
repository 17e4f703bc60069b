/**
 * What the bot says about reminders, escalations, pauses and anonymity. Reminders say what is
 * missing and how to record it, never ask for a reply, and never name anyone in a group.
 */
import { FIVE_ONES_LABELS, type FiveOnesItem } from './five-ones.js';

/** How to record each item: one example a person can copy. */
const HOW_TO: Record<FiveOnesItem, string> = {
  talk: '参加恳谈会或座谈会时签到',
  visit: '「走访 今天走访了3户」',
  suggestion: '「建议 村口道路需要硬化」',
  deed: '「实事 帮村里联系了农技培训」',
  rule: '「村规 建议增加垃圾分类条款」',
};

const items = (missing: readonly FiveOnesItem[]) => missing.map((i) => FIVE_ONES_LABELS[i]).join('、');
const seqs = (list: readonly number[]) => list.map((n) => `建议#${n}`).join('、');

export const loadMsg = {
  nudge(name: string, missing: readonly FiveOnesItem[]): string {
    return [
      `${name}，您的五个一还差：${items(missing)}。`,
      ...missing.map((i) => `· ${FIVE_ONES_LABELS[i]}：${HOW_TO[i]}`),
      '做了随时发给我就能记上，照片可发可不发。这条提醒不用回复；暂时参加不了可以发「暂停 至 2027-01-31 理由」。',
    ].join('\n');
  },
  /** The only reminder a village group ever sees: a count, once a month at most. */
  villageLine(count: number): string {
    return `本村还有 ${count} 位干部的五个一未完成，完成了请发给我记录。`;
  },
  unreachedNames(village: string, people: readonly { name: string; missing: readonly FiveOnesItem[] }[]): string {
    return [
      `${village}有 ${people.length} 位干部的五个一未完成，但还没有和我私聊，提醒发不到本人：`,
      ...people.map((p) => `· ${p.name}：还差 ${items(p.missing)}`),
      '方便时请转告本人，或请他们私聊我一次，以后提醒只发给本人。',
    ].join('\n');
  },
  reviewNudge(name: string, village: string, waiting: readonly number[], days: number): string {
    return [
      `${name}，${village}有 ${waiting.length} 条建议等待审核超过 ${days} 天：${seqs(waiting)}。`,
      `审核请发「审核 ${seqs(waiting.slice(0, 1))} 采纳」或「审核 ${seqs(waiting.slice(0, 1))} 不采纳 理由」，也可以交会议表决。这条提醒不用回复。`,
    ].join('\n');
  },
  escalation(o: {
    name: string;
    village: string;
    missing: readonly FiveOnesItem[];
    reminders: readonly string[];
    lastActivity: string | null;
    privateChat: boolean;
  }): string {
    return [
      `请联络站关注：${o.village}回乡干部 ${o.name} 的五个一还差：${items(o.missing)}。`,
      `已提醒 ${o.reminders.length} 次（${o.reminders.join('、')}），此后没有在机器人上做任何事${o.lastActivity ? `；上次是 ${o.lastActivity}` : '，从未使用过'}。`,
      o.privateChat ? '提醒是私信发给本人的。' : '本人还没有和我私聊，提醒是转告组长的。',
      '如本人借调、生病等暂时参加不了，可以发「暂停 姓名 至 日期 理由」。',
    ].join('\n');
  },
  reviewEscalation(o: { name: string; village: string; waiting: readonly number[]; days: number; reminders: readonly string[] }): string {
    return [
      `请联络站关注：${o.village}有 ${o.waiting.length} 条建议等待审核超过 ${o.days} 天：${seqs(o.waiting)}。`,
      `已提醒审核人 ${o.name} ${o.reminders.length} 次（${o.reminders.join('、')}），此后还没有审核。`,
    ].join('\n');
  },
  /** When no station staff can be written to in private: the station chat gets a count, no names. */
  stationCount(village: string, count: number): string {
    return `${village}有 ${count} 件需要联络站关注的事项。请联络站人员私聊我一次（发「帮助」即可），以后详情私信发给您。`;
  },
};

export const pauseMsg = {
  usage: '请写上暂停到哪一天，例如「暂停 至 2027-01-31 借调省里」；组长或联络站为干部暂停写「暂停 王海 至 2027-01-31 借调」。',
  badDate: '这个日期不存在，请检查月份和日期，例如「暂停 至 2027-01-31」。',
  past: '这个日期已经过去了，请写以后的日期，例如「暂停 至 2027-01-31」。',
  tooFar(days: number): string {
    return `暂停最长 ${days} 天，请写一年以内的日期；到期后还需要可以再发一次。`;
  },
  notFound(name: string): string {
    return `在您负责的范围内没有找到回乡干部 ${name}，请检查姓名。`;
  },
  ambiguous(name: string): string {
    return `有不止一位回乡干部叫 ${name}，请到本人所在村的群里发送。`;
  },
  onlyOwn: '回乡干部只能暂停自己：请发「暂停 至 2027-01-31 理由」。为别人暂停请找组长或联络站。',
  paused(name: string, until: string, reason: string | null): string {
    return `已暂停 ${name} 至 ${until}${reason ? `（${reason}）` : ''}：期间不发提醒，不计入五个一完成率。到期自动恢复，提前回来请发「恢复」。`;
  },
  pausedFor(name: string, until: string, by: string): string {
    return `${name}，${by} 已为您暂停至 ${until}：期间不发提醒，不计入五个一完成率。到期自动恢复，提前回来请发「恢复」。`;
  },
  resumed(name: string): string {
    return `${name} 已恢复参加，欢迎回来！发「我的」看看五个一进度。`;
  },
  notPaused(name: string): string {
    return `${name} 现在没有暂停，不用恢复。`;
  },
  /** 请假 is for one meeting; a stretch away is a pause. */
  leaveIsPause: '请假只对本群即将召开的会议有效。要一段时间不参加（借调、生病等），请发「暂停 至 2027-01-31 借调省里」：期间不发提醒、不计入完成率，到期自动恢复。',
  label(until: string): string {
    return `暂停至 ${until}`;
  },
};

export const anonymousMsg = {
  saved: '这条建议是匿名的：本村和清单里显示「匿名」，只有乡镇联络站能看到您的姓名，便于跟进；它照样计入您的五个一。',
  /** For the township station staff, in private only. */
  authorForStation(seq: number, village: string, author: string, text: string): string {
    return `${village}匿名建议#${seq} 的提出人是 ${author}（只有联络站能看到，便于跟进，请勿转告村里）：${text.length > 120 ? `${text.slice(0, 120)}…` : text}`;
  },
};
