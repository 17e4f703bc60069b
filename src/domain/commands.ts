import type { RoleName } from './types.js';

export type CommandName =
  | 'help'
  | 'bind'
  | 'join'
  | 'approve'
  | 'reject'
  | 'suggest'
  | 'deed'
  | 'visit'
  | 'problem'
  | 'rule'
  | 'me'
  | 'list'
  | 'meeting'
  | 'meeting_cancel'
  | 'meeting_move'
  | 'talk'
  | 'unit'
  | 'signin'
  | 'proxy'
  | 'leave'
  | 'vote'
  | 'member'
  | 'review'
  | 'stats'
  | 'dashboard'
  | 'export'
  | 'forward'
  | 'second'
  | 'ask'
  | 'answer'
  | 'link'
  | 'whoami'
  | 'pause'
  | 'resume'
  | 'assign'
  | 'close'
  | 'confirm'
  | 'pair'
  | 'unpair'
  | 'cancel';

export interface CommandSpec {
  name: CommandName;
  /** Chinese keywords that work without the slash, with or without a colon. */
  aliases: readonly string[];
  usage: string;
  summary: string;
  /** Roles that may use it; `everyone` means any sender, even one the bot does not know yet. */
  who: readonly (RoleName | 'everyone')[];
}

const STATIONS: readonly RoleName[] = ['admin', 'county_station', 'township_station'];

export const COMMANDS: readonly CommandSpec[] = [
  { name: 'help', aliases: ['帮助'], usage: '帮助', summary: '查看我能用的命令', who: ['everyone'] },
  { name: 'bind', aliases: ['绑定'], usage: '绑定 <地区名称或代码> [理事会]', summary: '把本群绑定到村或联络站', who: STATIONS },
  { name: 'join', aliases: ['登记'], usage: '登记 <姓名> [手机尾号4位]', summary: '在村群登记为回乡干部', who: ['everyone'] },
  { name: 'approve', aliases: ['批准'], usage: '批准 <申请号>', summary: '批准登记申请', who: ['leader', ...STATIONS] },
  { name: 'reject', aliases: ['驳回'], usage: '驳回 <申请号> [理由]', summary: '驳回登记申请', who: ['leader', ...STATIONS] },
  { name: 'suggest', aliases: ['建议'], usage: '建议 <内容>', summary: '提一条中肯建议', who: ['cadre'] },
  { name: 'deed', aliases: ['实事'], usage: '实事 <内容>', summary: '记一件为民实事', who: ['cadre'] },
  { name: 'visit', aliases: ['走访'], usage: '走访 <内容>', summary: '记一次实地走访', who: ['cadre'] },
  { name: 'problem', aliases: ['问题'], usage: '问题 <内容>', summary: '反映一个问题', who: ['cadre'] },
  { name: 'rule', aliases: ['村规'], usage: '村规 <内容>', summary: '提村规民约修改意见', who: ['cadre'] },
  { name: 'me', aliases: ['我的'], usage: '我的', summary: '查看我的“五个一”进度', who: ['cadre'] },
  { name: 'list', aliases: ['清单'], usage: '清单 [全部|建议|实事|问题|走访|村规] [页码]', summary: '查看本村清单', who: ['everyone'] },
  { name: 'talk', aliases: ['恳谈'], usage: '恳谈 <内容>', summary: '记一次参加过的乡情恳谈（线下开的会）', who: ['cadre'] },
  { name: 'meeting', aliases: ['会议'], usage: '会议 <时间> <名称> [@地点]', summary: '安排会议', who: ['leader', 'council', ...STATIONS] },
  { name: 'meeting_cancel', aliases: ['取消会议'], usage: '取消会议 会议#N [理由]', summary: '取消还没开的会议', who: ['leader', 'council', ...STATIONS] },
  { name: 'meeting_move', aliases: ['改期'], usage: '改期 会议#N <新时间>', summary: '会议改到新的时间', who: ['leader', 'council', ...STATIONS] },
  { name: 'signin', aliases: ['签到'], usage: '签到', summary: '会议签到', who: ['everyone'] },
  { name: 'proxy', aliases: ['代签'], usage: '代签 <姓名> | 代签 村民 <人数>人', summary: '为到会的人代签到', who: ['leader', 'council', ...STATIONS] },
  { name: 'leave', aliases: ['请假'], usage: '请假 <理由>', summary: '会议请假', who: ['everyone'] },
  { name: 'vote', aliases: ['表决'], usage: '表决 建议#N [会议#M] [赞成 N 反对 N 弃权 N]', summary: '把建议交党员大会或村民代表会议表决；举手表决的计票', who: ['leader', 'council', ...STATIONS] },
  { name: 'member', aliases: ['成员'], usage: '成员 [村名] <姓名> 党员|村民代表 [移除]', summary: '登记或移除本村党员、村民代表（表决的应到人数）', who: ['leader', ...STATIONS] },
  { name: 'review', aliases: ['审核'], usage: '审核 建议#N 采纳|不采纳|合并 #M|转交|类别 <类别> [意见]', summary: '审核建议、改类别', who: ['leader', 'council', ...STATIONS] },
  { name: 'stats', aliases: ['统计'], usage: '统计 [地区] [本周|本月|全部]', summary: '查看统计（干部和理事会看本村）', who: [...STATIONS, 'council', 'leader', 'cadre'] },
  { name: 'dashboard', aliases: ['看板'], usage: '看板 [地区] · 看板 公示 <村名>', summary: '私信获取统计看板网页链接（24 小时有效）；村的决策公示页链接（可转发到村群）', who: STATIONS },
  { name: 'export', aliases: ['导出'], usage: '导出', summary: '导出台账', who: STATIONS },
  { name: 'forward', aliases: ['转交'], usage: '转交 [村名]', summary: '生成已采纳建议的转交文件（报规划编制技术单位）', who: ['leader', 'council', ...STATIONS] },
  { name: 'second', aliases: ['附议'], usage: '附议 建议#N', summary: '附议一条已有的建议', who: ['cadre', 'leader', 'council'] },
  { name: 'ask', aliases: ['咨询'], usage: '咨询 <问题>', summary: '向乡镇联络服务站咨询政策、对接需求', who: ['cadre', 'leader', 'council'] },
  { name: 'answer', aliases: ['答复'], usage: '答复 问#N <内容>', summary: '答复干部的咨询', who: STATIONS },
  { name: 'unit', aliases: ['编制单位'], usage: '编制单位 <村名> <规划编制技术单位>', summary: '登记村的规划编制技术单位（写进转交单）', who: STATIONS },
  { name: 'link', aliases: ['绑定账号'], usage: '绑定账号 [验证码]', summary: '把您在不同平台的账号认作同一人', who: ['everyone'] },
  { name: 'whoami', aliases: ['我是谁'], usage: '我是谁', summary: '私信告诉您：您的平台账号 ID，以及我认为您是谁', who: ['everyone'] },
  { name: 'pause', aliases: ['暂停'], usage: '暂停 [姓名] 至 <日期> [理由]', summary: '一段时间不参加（借调、生病等）：期间不提醒、不计入完成率', who: ['cadre', 'leader', ...STATIONS] },
  { name: 'resume', aliases: ['恢复'], usage: '恢复 [姓名]', summary: '提前结束暂停', who: ['cadre', 'leader', ...STATIONS] },
  { name: 'assign', aliases: ['交办'], usage: '交办 问题#N <姓名> [期限]', summary: '把问题交给一个人办理（期限如 2027-01-31、12月20日、月底）', who: ['leader', ...STATIONS] },
  { name: 'close', aliases: ['办结'], usage: '办结 问题#N <办理情况>', summary: '办理人办结交给自己的问题', who: ['cadre', 'leader', 'council', ...STATIONS] },
  { name: 'confirm', aliases: ['确认'], usage: '确认 问题#N 满意|基本满意|不满意 [意见]', summary: '确认自己反映的问题的办理结果（不满意会重新打开）', who: ['cadre'] },
  { name: 'pair', aliases: ['挂包'], usage: '挂包 <村名> <姓名>', summary: '安排联络站工作人员挂包联系一个村', who: STATIONS },
  { name: 'unpair', aliases: ['取消挂包'], usage: '取消挂包 <村名> <姓名>', summary: '取消挂包联系', who: STATIONS },
  { name: 'cancel', aliases: ['取消'], usage: '取消', summary: '退出当前对话', who: ['everyone'] },
];

const BY_NAME = new Map<string, CommandSpec>(COMMANDS.map((c) => [c.name, c]));
/** Extra slash names people reach for by habit (/start opens a bot on some platforms). */
const SLASH_SYNONYMS: Record<string, CommandName> = { start: 'help', signup: 'join', register: 'join' };

export function commandSpec(name: CommandName): CommandSpec {
  const spec = BY_NAME.get(name);
  if (!spec) throw new Error(`unknown command ${name}`);
  return spec;
}

export type ParsedCommand =
  | { kind: 'command'; name: CommandName; args: string; viaAlias: boolean }
  | { kind: 'unknown'; typed: string; closest: CommandName | null }
  | { kind: 'other-bot' };

// Longest first, so that a longer keyword is never cut short by a shorter one that prefixes it.
const ALIASES: readonly [string, CommandName][] = COMMANDS.flatMap((c) =>
  c.aliases.map((a) => [a, c.name] as [string, CommandName]),
).sort((a, b) => b[0].length - a[0].length);

const SEPARATOR = /^[\s:：,，]/u;

/**
 * Recognise a command in a message: "/suggest 文本", "/suggest@this_bot 文本", "建议 文本",
 * "建议：文本", "建议" alone. Returns null for ordinary chatter so groups are not answered
 * for every message.
 */
export function parseCommand(raw: string, botUsername?: string): ParsedCommand | null {
  const text = raw.trim();
  if (text.startsWith('/')) {
    const m = /^\/([A-Za-z_]+)(?:@([A-Za-z0-9_]+))?(?:\s+([\s\S]*))?$/u.exec(text);
    if (!m) {
      const typed = text.slice(1).split(/\s/u)[0] ?? '';
      return { kind: 'unknown', typed, closest: closestCommand(typed) };
    }
    const typed = (m[1] ?? '').toLowerCase();
    const mention = m[2];
    if (mention && botUsername && mention.toLowerCase() !== botUsername.toLowerCase()) {
      return { kind: 'other-bot' };
    }
    const args = (m[3] ?? '').trim();
    const name = (BY_NAME.has(typed) ? typed : SLASH_SYNONYMS[typed]) as CommandName | undefined;
    if (!name) return { kind: 'unknown', typed, closest: closestCommand(typed) };
    return { kind: 'command', name, args, viaAlias: false };
  }
  for (const [alias, name] of ALIASES) {
    if (!text.startsWith(alias)) continue;
    const rest = text.slice(alias.length);
    if (rest !== '' && !SEPARATOR.test(rest)) continue;
    const args = rest.replace(/^[\s:：,，]+/u, '').trim();
    return { kind: 'command', name, args, viaAlias: true };
  }
  return null;
}

/** The command a mistyped name most likely meant, if any is close enough to be worth saying. */
export function closestCommand(typed: string): CommandName | null {
  const t = typed.toLowerCase();
  if (!t) return null;
  let best: { name: CommandName; d: number } | null = null;
  for (const c of COMMANDS) {
    const d = editDistance(t, c.name);
    if (!best || d < best.d) best = { name: c.name, d };
  }
  if (!best) return null;
  const limit = Math.max(1, Math.floor(best.name.length / 3));
  return best.d <= limit || best.name.startsWith(t) ? best.name : null;
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}
