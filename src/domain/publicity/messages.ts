/**
 * The village's public notice page (公示) and the link to it: decisions on suggestions with the
 * votes behind them, suggestions forwarded to the planning unit, problems resolved. Read by
 * villagers, so plain words; nothing on it names anyone but proposers who were not anonymous.
 */
import type { VoteOutcome } from '../meetings/quorum.js';

export const publicMsg = {
  usage: '请写上村名，例如「看板 公示 温泉村」。',
  expired: '这个公示页链接已过期（有效期 30 天）。请联络站发送「看板 公示 村名」重新获取。',
  notVillage(place: string): string {
    return `没有找到村「${place}」。公示页按村生成，例如「看板 公示 温泉村」。`;
  },
  ambiguous(place: string, names: readonly string[]): string {
    return `「${place}」有 ${names.length} 个：${names.join('、')}。请写得更完整些。`;
  },
  link(village: string, url: string, expires: string): string {
    return `${village}决策公示页（${expires} 前有效，可以转发到村群）：\n${url}`;
  },
  pageTitle(village: string): string {
    return `${village} · 决策公示`;
  },
  generated(at: string, expires: string): string {
    return `更新于 ${at}，链接 ${expires} 前有效。本页只公开决定和表决结果，不含联系方式；匿名建议不显示提出人。`;
  },
  votesHeading: '会议表决（四议两公开）',
  votesHeader: ['会议', '日期', '建议', '提出人', '应到', '实到', '赞成', '反对', '弃权', '结果'],
  votesEmpty: '还没有会议表决。',
  outcome: { adopted: '通过', rejected: '未通过', invalid: '无效（未达法定人数）' } as Record<VoteOutcome, string>,
  suggestionsHeading: '建议的决定',
  suggestionsHeader: ['建议', '内容', '提出人', '决定', '日期', '依据'],
  suggestionsEmpty: '还没有采纳或不采纳的建议。',
  decisions: { adopted: '已采纳', forwarded: '已采纳并转交规划编制单位', rejected: '不采纳' } as Record<string, string>,
  byMeeting(seq: number, kind: string, f: { expected: number; present: number; yes: number; no: number; abstain: number }): string {
    return `会议#${seq} ${kind}表决：应到 ${f.expected}，实到 ${f.present}，赞成 ${f.yes}，反对 ${f.no}，弃权 ${f.abstain}`;
  },
  byReview: '审核决定',
  problemsHeading: '已办结的问题',
  problemsHeader: ['问题', '内容', '办结日期'],
  problemsEmpty: '还没有办结的问题。',
};
