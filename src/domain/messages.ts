/**
 * Every sentence the bot says to people, in one place. Plain Chinese, short enough for a phone,
 * and every refusal says what to do instead.
 */
import { COMMANDS, type CommandName, type CommandSpec } from './commands.js';
import { FIVE_ONES, FIVE_ONES_LABELS, type FiveOnesProgress } from './five-ones.js';
import type { ChatPurpose, RecordKind, Region } from './types.js';

export const MAX_TEXT = 2000;

export const KIND_LABELS: Record<RecordKind, string> = {
  suggestion: '建议',
  deed: '实事',
  visit: '走访',
  problem: '问题',
  rule: '村规',
};

export const PURPOSE_LABELS: Record<ChatPurpose, string> = {
  village: '村庄规划编制组',
  council: '村庄规划建设理事会',
  township_station: '乡镇联络服务站',
  county_station: '县级联络服务站',
  task_force: '市工作专班',
};

export const STATUS_LABELS: Record<string, string> = {
  pending: '待审核',
  adopted: '已采纳',
  rejected: '不采纳',
  merged: '已合并',
  forwarded: '已转交',
  voting: '表决中',
  // A problem's way to closure (src/domain/problems/lifecycle.ts).
  open: '待交办',
  assigned: '已交办',
  in_progress: '办理中',
  resolved: '已办结',
  confirmed: '已确认',
  done: '已完成',
  recorded: '已记录',
};

export const msg = {
  /** Said once to a sender over the per-sender limit; then nothing until the limit clears. */
  slowDown: '您发得太快了，请稍后再试。',
  /** One screen: the commands most used, and how to see the rest. */
  helpShort(lines: readonly { usage: string; summary: string }[], context: string | null, more: number): string {
    const out = ['归乡 · 干部规划家乡行动助手', context ? `本群：${context}` : '', '您可以发送：'];
    for (const c of lines) out.push(`· ${c.usage} — ${c.summary}`);
    if (more > 0) out.push(`还有 ${more} 个命令，发送「帮助 全部」查看。`);
    out.push('命令前的“/”可以不打，例如「建议：村口道路需要硬化」。');
    return out.filter(Boolean).join('\n');
  },
  helpRecords(keywords: readonly string[]): { usage: string; summary: string } {
    return { usage: `${keywords.join('/')} <内容>`, summary: '记录五个一和问题' };
  },
  help(allowed: readonly CommandSpec[], context: string | null): string {
    const lines = ['归乡 · 干部规划家乡行动助手', context ? `本群：${context}` : '', '您可以发送：'];
    for (const c of allowed) lines.push(`· ${c.usage} — ${c.summary}`);
    lines.push('命令前的“/”可以不打，例如「建议：村口道路需要硬化」。');
    return lines.filter(Boolean).join('\n');
  },
  unknownCommand(typed: string, closest: CommandName | null): string {
    if (closest) {
      const spec = COMMANDS.find((c) => c.name === closest)!;
      return `没有 /${typed} 这个命令。您是不是想用 /${closest}（${spec.aliases[0]}）？发送「帮助」查看全部命令。`;
    }
    return `没有 /${typed} 这个命令。发送「帮助」查看您能用的命令。`;
  },
  privateHint: '请发送命令，例如「建议 村口道路需要硬化」。发送「帮助」查看您能用的命令。',
  tooLong(length: number): string {
    return `内容太长了（${length} 字），请控制在 ${MAX_TEXT} 字以内，可以分几条发送。`;
  },
  empty: '内容是空的，请把要记录的内容写在命令后面。',
  notBound: '本群还没有绑定到村或联络站。请联络站或工作专班在群里发送「绑定 村名」。',
  notVillageChat: '这个命令要在村庄规划编制组的群里使用。',
  forbidden(command: CommandName): string {
    const spec = COMMANDS.find((c) => c.name === command)!;
    return `您没有使用「${spec.aliases[0]}」的权限。发送「帮助」查看您能用的命令。`;
  },
  outOfScope(regionName: string): string {
    return `${regionName}不在您负责的范围内。`;
  },
  bindCurrentOutOfScope(regionName: string): string {
    return `本群现在绑定的是${regionName}，不在您负责的范围内，不能改绑。请联系${regionName}所属的联络站或工作专班。`;
  },
  notCadre: '只有已登记的回乡干部才能记录。请先在本村群里发送「登记 姓名」。',
  notCadreHere(villageName: string): string {
    return `您登记的是${villageName}的回乡干部，请在${villageName}的群里或私聊我记录。`;
  },

  // records
  recordPrompt(kind: RecordKind): string {
    return `请发送${KIND_LABELS[kind]}内容（发送「取消」退出）`;
  },
  recordSaved(kind: RecordKind, seq: number, village: string, progress: FiveOnesProgress): string {
    return [`已记录 ${KIND_LABELS[kind]}#${seq}（${village}）。`, progressLine(progress)].join('\n');
  },
  cancelled: '已取消。',
  nothingToCancel: '现在没有进行中的对话。',

  // five ones
  fiveOnesCard(name: string, village: string, p: FiveOnesProgress): string {
    const lines = [`${name} · ${village}`, `五个一完成 ${p.done.length}/5`];
    for (const item of FIVE_ONES) {
      const n = p.counts[item];
      lines.push(`${n > 0 ? '✅' : '⬜'} ${FIVE_ONES_LABELS[item]}${n > 0 ? ` ${n} 次` : ''}`);
    }
    if (p.missing.length > 0) lines.push(`还差：${p.missing.map((i) => FIVE_ONES_LABELS[i]).join('、')}`);
    else lines.push('五个一已全部完成，谢谢您为家乡出力！');
    return lines.join('\n');
  },

  // binding
  bindUsage: '请写上要绑定的地区，例如「绑定 温泉村」或「绑定 530403101208」；理事会群写「绑定 温泉村 理事会」。',
  bindNotFound(query: string): string {
    return `没有找到“${query}”。请写村、乡镇或县区的全称，或地区代码。`;
  },
  bindChoose(query: string, options: readonly Region[]): string {
    const lines = [`“${query}”有 ${options.length} 个地方，请回复序号选择：`];
    for (const [i, r] of options.entries()) lines.push(`${i + 1}. ${r.fullName}（${r.code}）`);
    return lines.join('\n');
  },
  bindTooMany(query: string, count: number): string {
    return `“${query}”匹配到 ${count} 个地方，请写得更具体一些，例如带上乡镇名或直接写地区代码。`;
  },
  bindCouncilNeedsVillage: '理事会群只能绑定到村。',
  bound(region: Region, purpose: ChatPurpose, rebound: boolean): string {
    return `${rebound ? '已改绑' : '已绑定'}：本群是 ${region.fullName} 的${PURPOSE_LABELS[purpose]}群。`;
  },
  choiceInvalid(max: number): string {
    return `请回复 1 到 ${max} 之间的序号，或发送「取消」。`;
  },

  // join
  joinUsage: '请写上您的姓名，例如「登记 张三」；同名时加手机尾号，例如「登记 张三 1234」。',
  joinPhoneInvalid: '手机尾号要写 4 位数字，例如「登记 张三 1234」。',
  joined(name: string, village: string): string {
    return `欢迎您，${name}！已登记为${village}的回乡干部。发送「我的」查看五个一进度，发送「帮助」查看能做什么。`;
  },
  alreadyJoined(name: string, village: string): string {
    return `您已经登记为${village}的 ${name}，不用重复登记。`;
  },
  joinAmbiguous(name: string): string {
    return `名册里有不止一位 ${name}，请加上手机尾号 4 位，例如「登记 ${name} 1234」。`;
  },
  joinPhoneMismatch(name: string): string {
    return `名册里 ${name} 的手机尾号对不上。请核对后重发，或联系编制组组长。`;
  },
  joinTaken(name: string): string {
    return `名册里的 ${name} 已经由另一个账号登记了。如果是您本人，请联系编制组组长或乡镇联络站。`;
  },
  joinPending(name: string, requestNo: number, village: string): string {
    return `名册里没有找到 ${name}，已提交登记申请（申请#${requestNo}），等待${village}编制组组长或乡镇联络站批准。`;
  },
  joinAlreadyPending(requestNo: number): string {
    return `您的登记申请#${requestNo} 还在等待批准，请耐心等候。`;
  },
  /** Posted in the village group and the station's chat: no phone digits, not even the tail the newcomer typed. */
  joinRequestNotice(name: string, requestNo: number): string {
    return `新的登记申请#${requestNo}：${name}，名册里没有此人。组长或联络站可回复「批准 ${requestNo}」或「驳回 ${requestNo} 理由」。`;
  },
  approveUsage: '请写上申请号，例如「批准 3」。',
  noPendingRequests: '本村没有待批准的登记申请。',
  /** Listed in the group where the approver asks: names only, no phone digits. */
  pendingRequests(items: readonly { no: number; name: string }[]): string {
    return ['待批准的登记申请：', ...items.map((r) => `申请#${r.no} ${r.name}`), '回复「批准 申请号」或「驳回 申请号 理由」。'].join('\n');
  },
  requestNotFound(no: number): string {
    return `没有找到待处理的申请#${no}，可能已经处理过了。`;
  },
  approved(name: string, village: string): string {
    return `已批准：${name} 登记为${village}的回乡干部。`;
  },
  approvedNotice(name: string): string {
    return `${name}，您的登记申请已批准，现在可以记录五个一了。发送「帮助」查看能做什么。`;
  },
  rejected(name: string, reason: string | null): string {
    return `已驳回 ${name} 的登记申请${reason ? `，理由：${reason}` : ''}。`;
  },

  // lists
  listEmpty(kind: RecordKind, village: string): string {
    return `${village}还没有${KIND_LABELS[kind]}记录。`;
  },
  listPage(
    kind: RecordKind,
    village: string,
    total: number,
    page: number,
    pages: number,
    items: readonly { seq: number; status: string; text: string; author: string; date: string }[],
  ): string {
    const lines = [`${village} ${KIND_LABELS[kind]}清单（共 ${total} 条，第 ${page}/${pages} 页）`];
    for (const r of items) {
      lines.push(`${KIND_LABELS[kind]}#${r.seq} [${STATUS_LABELS[r.status] ?? r.status}] ${truncate(r.text, 60)} —${r.author} ${r.date}`);
    }
    return lines.join('\n');
  },
  listUsage: '清单可以看：建议、实事、问题、走访、村规，例如「清单 问题」或「清单 建议 2」（第 2 页）。',
  listPageOut(pages: number): string {
    return `只有 ${pages} 页。`;
  },

  // buttons
  buttonExpired: '这个按钮已过期，请重新发送命令。',
  done: '好的',

  // membership
  greeting: '大家好，我是“归乡”干部规划家乡行动助手。请联络站或工作专班先发送「绑定 村名」把本群绑定到村；回乡干部随后发送「登记 姓名」。发送「帮助」查看全部命令。',
  notYet(feature: string): string {
    return `${feature}功能还没有开通，请先使用其他命令。`;
  },
};

export function progressLine(p: FiveOnesProgress): string {
  const items = FIVE_ONES.map((i) => `${p.counts[i] > 0 ? '✅' : '⬜'}${FIVE_ONES_LABELS[i]}`).join(' ');
  return `五个一进度 ${p.done.length}/5：${items}`;
}

export function truncate(text: string, max: number): string {
  const chars = Array.from(text.replace(/\s+/gu, ' '));
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}
