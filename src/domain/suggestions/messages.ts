/**
 * What the bot says about suggestions, the three lists, forwarding to the planning technical unit
 * and questions to the stations. Short enough for a phone; every refusal says what to do instead.
 */
import { KIND_LABELS, STATUS_LABELS, truncate } from '../messages.js';
import type { Decision, ReviewRefusal } from './review.js';
import type { RecordKind } from '../types.js';
import type { AdoptingMeeting, ForwardIssuer } from './forward-document.js';

export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status;
}

const DECISION_LABELS: Record<Decision, string> = { adopt: '采纳', reject: '不采纳', merge: '合并', forward: '转交' };

export interface SimilarItem {
  seq: number;
  text: string;
  status: string;
  seconds: number;
  /** What both suggestions name (道路硬化, 三组), so the author can judge whether they are one request. */
  shared: readonly string[];
}

export interface ListItem {
  kind: RecordKind;
  seq: number;
  text: string;
  status: string;
  author: string;
  date: string;
  /** Extra facts after the author: seconds, links, tags. */
  notes: string[];
}

export const sx = {
  // review
  reviewUsage: '请这样写：「审核 建议#3 采纳 意见」「审核 建议#3 不采纳 理由」「审核 建议#3 合并 #1」「审核 建议#3 转交」，改类别写「审核 建议#3 类别 产业 文化旅游」。',
  mergeTargetMissing: '合并要写上合并到哪一条，例如「审核 建议#3 合并 #1」。',
  suggestionNotFound(seq: number): string {
    return `没有找到建议#${seq}，请核对编号（发送「清单 建议」查看）。`;
  },
  reviewed(seq: number, decision: Decision, extra: { into?: number; comment: string | null; reviewer: string }): string {
    const head =
      decision === 'merge'
        ? `建议#${seq} 已合并到 建议#${extra.into}，原建议人记为附议`
        : decision === 'forward'
          ? `建议#${seq} 已转交规划编制技术单位`
          : `建议#${seq} ${decision === 'adopt' ? '已采纳' : '不采纳'}`;
    return `${head}（${extra.reviewer}审核）。${extra.comment ? `\n意见：${extra.comment}` : ''}`;
  },
  authorNotice(seq: number, decision: Decision, extra: { into?: number; comment: string | null; reviewer: string; author: string }): string {
    const what =
      decision === 'merge' ? `已合并到 建议#${extra.into}（您已自动附议）` : decision === 'forward' ? '已转交规划编制技术单位' : decision === 'adopt' ? '已被采纳' : '未被采纳';
    return `${extra.author}，您的建议#${seq}${what}。审核人：${extra.reviewer}${extra.comment ? `\n意见：${extra.comment}` : ''}`;
  },
  reviewRefused(seq: number, decision: Decision, why: ReviewRefusal, current: string): string {
    switch (why) {
      case 'same':
        return `建议#${seq} 已经是“${statusLabel(current)}”了，不用再${DECISION_LABELS[decision]}。`;
      case 'voting':
        return `建议#${seq} 正在会议表决中，请等表决结果出来后再审核。`;
      case 'not_adopted':
        return `建议#${seq} 现在是“${statusLabel(current)}”，要先在党员大会或村民代表会议上「表决 建议#${seq}」通过（会外已经同意的用「审核 建议#${seq} 采纳」），才能转交规划编制技术单位。`;
      case 'final':
        return `建议#${seq} 已经是“${statusLabel(current)}”，不能再${DECISION_LABELS[decision]}。`;
    }
  },
  mergeSelf: '不能把一条建议合并到它自己。',
  mergeOtherVillage(into: number): string {
    return `建议#${into} 不是同一个村的建议，只能合并本村的建议。`;
  },
  mergeIntoMerged(into: number, final: number): string {
    return `建议#${into} 已合并到 建议#${final}，请合并到 建议#${final}。`;
  },
  tagsUnknown(words: readonly string[], categories: readonly string[]): string {
    return `不认识的类别：${words.join('、')}。可选：${categories.join('、')}。`;
  },
  tagsUpdated(seq: number, before: readonly string[], after: readonly string[], reviewer: string): string {
    return `建议#${seq} 类别已从“${before.join('、') || '无'}”改为“${after.join('、')}”（${reviewer}）。`;
  },
  tagsSame(seq: number, tags: readonly string[]): string {
    return `建议#${seq} 的类别已经是“${tags.join('、')}”。`;
  },
  /**
   * Pushed to the council's group unasked, so it names no one: the suggestion is judged on what it
   * says, and an author who is behind on other items is not shown to the group. 清单 has the author.
   */
  newSuggestionNotice(seq: number, village: string, text: string, tags: readonly string[]): string {
    return `${village}新建议#${seq}：${truncate(text, 120)}\n类别：${tags.join('、')}\n可以点下面的按钮，或发送「审核 建议#${seq} 采纳|不采纳 意见」。`;
  },
  reviewButtons: { adopt: '采纳', reject: '不采纳' },

  // similar suggestions and seconding
  similarFound(items: readonly SimilarItem[]): string {
    const lines = ['本村已经有相似的建议：'];
    for (const s of items) {
      lines.push(`建议#${s.seq} [${statusLabel(s.status)}] ${truncate(s.text, 40)}${s.seconds ? `（${s.seconds} 人附议）` : ''}`);
      if (s.shared.length > 0) lines.push(`　都提到：${s.shared.join('、')}`);
    }
    lines.push('您的建议还没有记录。如果意思一样，点「附议」支持已有的建议；如果不同，点「仍然提交」或回复「提交」。');
    return lines.join('\n');
  },
  secondButton(seq: number): string {
    return `附议 建议#${seq}`;
  },
  submitAnyway: '仍然提交',
  draftHint: '请点「附议」支持已有的建议，或点「仍然提交」（也可以回复「提交」），发送「取消」放弃。',
  draftGone: '这条建议已经处理过或等待太久了，请重新发送「建议 内容」。',
  secondUsage: '请写上要附议的建议编号，例如「附议 建议#3」。',
  seconded(seq: number, count: number): string {
    return `已附议 建议#${seq}，现在共有 ${count} 人附议。`;
  },
  alreadySeconded(seq: number): string {
    return `您已经附议过 建议#${seq} 了。`;
  },
  secondOwn(seq: number): string {
    return `建议#${seq} 是您自己提的，不用附议。`;
  },
  secondMerged(seq: number, into: number): string {
    return `建议#${seq} 已合并到 建议#${into}，请「附议 建议#${into}」。`;
  },

  // links from deeds and rule proposals
  linkNotFound(kind: RecordKind, seq: number): string {
    return `没有找到${KIND_LABELS[kind]}#${seq}，请核对编号后重发（还没有记录）。`;
  },
  linkOtherVillage(kind: RecordKind, seq: number): string {
    return `${KIND_LABELS[kind]}#${seq} 不是本村的，只能回应本村的建议或问题（还没有记录）。`;
  },
  linkWrongKind(kind: RecordKind): string {
    return kind === 'rule' ? '村规修改意见只能写「来自建议#N」，请改后重发（还没有记录）。' : '这类记录不能关联别的记录。';
  },
  linkedLine(kind: RecordKind, seq: number, resolved: boolean): string {
    return `已关联 ${KIND_LABELS[kind]}#${seq}${resolved ? '（已标为已解决）' : ''}`;
  },

  // the three lists
  listTitle(village: string): string {
    return `${village} 三张清单`;
  },
  listSection(kind: RecordKind, total: number, counts: readonly [string, number][]): string {
    const parts = counts.map(([s, n]) => `${statusLabel(s)} ${n}`).join('，');
    return `【${KIND_LABELS[kind]}清单】共 ${total} 条${parts ? `：${parts}` : ''}`;
  },
  listNone: '（暂无）',
  listItem(i: ListItem): string {
    return `${KIND_LABELS[i.kind]}#${i.seq} [${statusLabel(i.status)}] ${truncate(i.text, 60)} —${i.author} ${i.date}${i.notes.length ? ` · ${i.notes.join(' · ')}` : ''}`;
  },
  listMore(kind: RecordKind, shown: number, total: number): string {
    return `……还有 ${total - shown} 条，发送「清单 ${KIND_LABELS[kind]}」查看全部。`;
  },
  pageHead(kind: RecordKind, village: string, total: number, page: number, pages: number): string {
    return `${village} ${KIND_LABELS[kind]}清单（共 ${total} 条，第 ${page}/${pages} 页）`;
  },
  noteSeconds(n: number): string {
    return `附议 ${n}`;
  },
  noteLink(kind: RecordKind, seq: number, direction: 'answers' | 'answeredBy'): string {
    return direction === 'answers' ? `回应${KIND_LABELS[kind]}#${seq}` : `${KIND_LABELS[kind]}#${seq}回应`;
  },
  noteMerged(into: number): string {
    return `并入建议#${into}`;
  },

  // the planning technical unit of a village (编制单位)
  unitUsage: '请写上村名和规划编制技术单位，例如「编制单位 温泉村 云南省城乡规划设计研究院」。',
  unitTooLong(max: number): string {
    return `单位名称太长了，请控制在 ${max} 字以内。`;
  },
  unitNoVillage(place: string): string {
    return `没有找到叫「${place}」的村，请写村名，例如「编制单位 温泉村 云南省城乡规划设计研究院」。`;
  },
  unitAmbiguous(place: string, villages: readonly string[]): string {
    return `有不止一个「${place}」：${villages.join('、')}。请写全称，例如「编制单位 ${villages[0]} 单位名称」。`;
  },
  unitSet(village: string, unit: string): string {
    return `已登记 ${village} 的规划编制技术单位：${unit}。转交单会写上它。`;
  },

  // forwarding to the planning technical unit
  forwardNeedsVillage: '请在村庄规划编制组群里发送「转交」，或写上村名，例如「转交 温泉村」。',
  forwardNone(village: string): string {
    return `${village}还没有已采纳的建议。在党员大会或村民代表会议上「表决 建议#N」通过即为采纳；会外已经同意的，用「审核 建议#N 采纳」记为采纳。再发送「转交」。`;
  },
  forwardDone(village: string, total: number, newly: number): string {
    return `${village}已采纳建议转交文件已生成，共 ${total} 条（本次新转交 ${newly} 条），请把文件发给规划编制技术单位。`;
  },
  /** 公示 in the village group: what went to the planning unit, the proposer's name unless anonymous. */
  forwardNotice(village: string, unit: string | null, items: readonly { seq: number; text: string; author: string }[]): string {
    return [
      `【公示】${village}以下 ${items.length} 条建议已采纳并转交${unit ?? '规划编制技术单位'}，将在村庄规划编制中研究吸收：`,
      ...items.map((it) => `· 建议#${it.seq}「${it.text}」（提出人：${it.author}）`),
    ].join('\n');
  },
  docTitle(village: string): string {
    return `${village}已采纳建议转交单`;
  },
  docTo(unit: string | null): string {
    return `致：${unit ?? '村庄规划编制技术单位'}`;
  },
  docMeeting(m: AdoptingMeeting): string {
    return `会议#${m.seq} ${m.kind}（${m.date}）\n应到 ${m.expected} 人，实到 ${m.present} 人\n赞成 ${m.yes}，反对 ${m.no}，弃权 ${m.abstain}`;
  },
  docNoMeeting: '未在本系统表决',
  docStation(township: string): string {
    return `${township}联络服务站`;
  },
  docIntro(village: string, total: number): string {
    return `以下 ${total} 条建议由回乡干部提出，已经${village}村民（代表）会议或党员大会同意采纳，请在村庄规划编制中研究吸收。`;
  },
  docHeader: ['序号', '编号', '建议内容', '类别', '提出人', '工作单位', '附议', '采纳日期', '采纳会议及表决', '审核意见'],
  /** Issued by the station under its seal; the contact is for questions, not a signature. */
  docFooter(date: string, issuer: ForwardIssuer): string[] {
    return [`联系人：${issuer.contact}　联系电话：${issuer.phone ?? '（未登记）'}`, `出具单位：${issuer.station}（盖章）`, date];
  },
  docFileName(village: string, date: string): string {
    return `${village}-已采纳建议转交单-${date}.docx`;
  },

  // questions to the stations
  askUsage: '请把问题写在后面，例如「咨询 宅基地审批要准备哪些材料？」。',
  askNoStation(township: string): string {
    return `${township}联络服务站还没有绑定群，暂时转不过去。请联系乡镇联络站在站群里发送「绑定 ${township}」。`;
  },
  askSent(no: number, township: string): string {
    return `已把您的咨询（问#${no}）转给${township}联络服务站，答复会发到这里。`;
  },
  askRelay(no: number, village: string, name: string, question: string): string {
    return `干部咨询 问#${no}（${village} ${name}）：\n${question}\n请直接回复本消息，或发送「答复 问#${no} 答复内容」。`;
  },
  answerUsage: '请这样写：「答复 问#3 答复内容」。',
  askNotFound(no: number): string {
    return `没有找到问#${no}。`;
  },
  answerRelay(no: number, asker: string, question: string, answer: string, who: string): string {
    return `${asker}，您的咨询 问#${no}「${truncate(question, 40)}」有答复了：\n${answer}\n——${who}`;
  },
  answerAck(no: number, asker: string): string {
    return `已把答复转给 ${asker}（问#${no}）。`;
  },
  answerEmpty(no: number): string {
    return `答复内容是空的，请写「答复 问#${no} 答复内容」。`;
  },
};
