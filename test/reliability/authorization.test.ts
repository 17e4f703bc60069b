import { describe, expect, it } from 'vitest';
import { COMMANDS, type CommandName } from '../../src/domain/commands.js';
import type { RoleName } from '../../src/domain/types.js';
import { DEMO, say, testBot, type TestBot } from '../support/bot.js';

/**
 * Every command × every role × a village inside and one outside the role's scope. Each case runs
 * on a fresh database with what the command needs (a suggestion, a meeting, a request) already
 * there, and checks both directions: a permitted sender is never refused for permission, and a
 * sender without the role or outside its scope always is — with nothing written.
 */

interface Place {
  chatId: string;
  villageName: string;
  cadre: { userId: string; userName: string };
  leader: { userId: string; userName: string };
}
const INSIDE: Place = { chatId: 'wenquan-village', villageName: '温泉村', cadre: DEMO.zhang, leader: DEMO.leader };
const OUTSIDE: Place = { chatId: 'wenshan-village', villageName: '文山村', cadre: DEMO.pu, leader: DEMO.pu };

interface Actor {
  label: string;
  who: { userId: string; userName: string };
  roles: RoleName[];
  /** Whether the actor's scope covers 文山村 (峨山); all cover 温泉村 (江川区江城镇) except the stranger. */
  coversOutside: boolean;
}
const ACTORS: Actor[] = [
  { label: 'admin', who: DEMO.admin, roles: ['admin'], coversOutside: true },
  { label: 'county station', who: DEMO.county, roles: ['county_station'], coversOutside: false },
  { label: 'township station', who: DEMO.township, roles: ['township_station'], coversOutside: false },
  { label: 'council member', who: DEMO.council, roles: ['council'], coversOutside: false },
  { label: 'leader', who: DEMO.leader, roles: ['leader', 'cadre'], coversOutside: false },
  { label: 'cadre', who: DEMO.zhang, roles: ['cadre'], coversOutside: false },
  { label: 'stranger', who: { userId: 'u-stranger', userName: '路人' }, roles: [], coversOutside: false },
];

/** Replies that refuse for who the sender is or where they act — and nothing else. */
const PERMISSION_REFUSAL = /没有使用「.+」的权限|不在您负责的范围内|只有已登记的回乡干部|您登记的是.+的回乡干部|只对.+开放/u;

/**
 * Commands about the sender themself (or what was given to them: a problem they were assigned or
 * raised, decided by who they are, not where they act): no place to be outside of.
 */
const ABOUT_SELF: ReadonlySet<CommandName> = new Set(['me', 'pause', 'resume', 'close', 'confirm']);

type Setup = (bot: TestBot, place: Place) => Promise<void>;

/** Row counts of every table but the bookkeeping ones (the dedupe row, the reply, the chat's last-seen time). */
function dataCounts(bot: TestBot): Record<string, number> {
  const tables = bot.store.sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'")
    .all() as { name: string }[];
  const skip = new Set(['processed_events', 'outbox', 'chats']);
  return Object.fromEntries(
    tables.filter((t) => !skip.has(t.name)).map((t) => [t.name, (bot.store.sqlite.prepare(`SELECT count(*) AS n FROM "${t.name}"`).get() as { n: number }).n]),
  );
}
const at = (bot: TestBot, iso: string) => bot.clock.set(iso);

const withSuggestion: Setup = async (bot, p) => {
  await say(bot, { ...p.cadre, chatId: p.chatId }, '建议 修一条灌溉水渠');
};
const withProblem: Setup = async (bot, p) => {
  await say(bot, { ...p.cadre, chatId: p.chatId }, '问题 水渠堵塞');
};
const withRequest: Setup = async (bot, p) => {
  await say(bot, { userId: 'u-applicant', userName: '申请人', chatId: p.chatId }, '登记 赵小梅');
};
/** A 村民代表会议 at 10:30 Beijing time whose sign-in window is open (10:15–11:00) at 10:20. */
const withMeeting: Setup = async (bot, p) => {
  at(bot, '2026-12-01T02:00:00Z');
  await say(bot, { ...p.leader, chatId: p.chatId }, '会议 2026-12-01 10:30 村民代表会议');
  at(bot, '2026-12-01T02:20:00Z');
};
/** A 座谈会 on Saturday 2026-12-05, four days ahead. */
const withFutureMeeting: Setup = async (bot, p) => {
  await say(bot, { ...p.leader, chatId: p.chatId }, '会议 2026-12-05 10:00 座谈会');
};
const withVote: Setup = async (bot, p) => {
  await withSuggestion(bot, p);
  await say(bot, { ...DEMO.admin, chatId: p.chatId }, '成员 李四 村民代表');
  await withMeeting(bot, p);
};
const withAsk: Setup = async (bot, p) => {
  // 文山村's township (岔河乡) has no station chat in the demo: give it one so the question has somewhere to go.
  if (p === OUTSIDE) await say(bot, { ...DEMO.admin, chatId: 'chahe-station' }, '绑定 岔河乡');
  const asked = await say(bot, { ...p.cadre, chatId: p.chatId }, '咨询 宅基地审批要带什么材料？');
  expect(asked.texts.join()).toMatch(/问#1/u);
};

const CASES: Record<CommandName, { text: (p: Place) => string; setup?: Setup }> = {
  help: { text: () => '帮助' },
  bind: { text: (p) => `绑定 ${p.villageName}` },
  join: { text: () => '登记 测试人' },
  approve: { text: () => '批准 1', setup: withRequest },
  reject: { text: () => '驳回 1 不是本村人', setup: withRequest },
  suggest: { text: () => '建议 村口道路需要硬化' },
  deed: { text: () => '实事 修好了路灯' },
  visit: { text: () => '走访 走访了三户' },
  problem: { text: () => '问题 水渠堵塞' },
  rule: { text: () => '村规 红白事简办' },
  me: { text: () => '我的' },
  list: { text: () => '清单' },
  meeting: { text: () => '会议 2026-12-05 10:00 座谈会' },
  meeting_cancel: { text: () => '取消会议 会议#1 天气原因', setup: withFutureMeeting },
  meeting_move: { text: () => '改期 会议#1 12月6日上午10点', setup: withFutureMeeting },
  talk: { text: () => '恳谈 参加了村里的座谈会' },
  unit: { text: (p) => `编制单位 ${p.villageName} 云南省城乡规划设计研究院` },
  signin: { text: () => '签到', setup: withMeeting },
  proxy: { text: () => '代签 村民 5人', setup: withMeeting },
  leave: { text: () => '请假 外出务工', setup: withMeeting },
  vote: { text: () => '表决 建议#1', setup: withVote },
  member: { text: (p) => `成员 ${p.villageName} 李四 村民代表` },
  review: { text: () => '审核 建议#1 采纳', setup: withSuggestion },
  stats: { text: (p) => `统计 ${p.villageName}` },
  dashboard: { text: (p) => `看板 ${p.villageName}` },
  export: { text: () => '导出' },
  forward: { text: (p) => `转交 ${p.villageName}` },
  second: { text: () => '附议 建议#1', setup: withSuggestion },
  ask: { text: () => '咨询 政策怎么申请' },
  answer: { text: () => '答复 问#1 带身份证办理', setup: withAsk },
  link: { text: () => '绑定账号' },
  whoami: { text: () => '我是谁' },
  pause: { text: () => '暂停 至 2027-01-31 借调省里' },
  resume: { text: () => '恢复' },
  assign: { text: (p) => `交办 问题#1 ${p.cadre.userName} 2027-01-31`, setup: withProblem },
  close: { text: () => '办结 问题#1 已清淤', setup: withProblem },
  confirm: { text: () => '确认 问题#1 满意', setup: withProblem },
  pair: { text: (p) => `挂包 ${p.villageName} 赵强` },
  unpair: { text: (p) => `取消挂包 ${p.villageName} 赵强` },
  cancel: { text: () => '取消' },
};

function expectedAllowed(command: CommandName, actor: Actor, outside: boolean): boolean {
  const who = COMMANDS.find((c) => c.name === command)!.who;
  if (who.includes('everyone')) return true;
  const held = actor.roles.filter((r) => who.includes(r));
  if (held.length === 0) return false;
  return !outside || actor.coversOutside || ABOUT_SELF.has(command);
}

describe('authorization matrix', () => {
  it('covers every command', () => {
    expect(Object.keys(CASES).sort()).toEqual(COMMANDS.map((c) => c.name).sort());
  });

  for (const command of COMMANDS.map((c) => c.name)) {
    it(`/${command}: allowed exactly for the roles and places it names`, async () => {
      const mismatches: string[] = [];
      for (const actor of ACTORS) {
        for (const [place, outside] of [
          [INSIDE, false],
          [OUTSIDE, true],
        ] as const) {
          const bot = await testBot();
          const spec = CASES[command];
          await spec.setup?.(bot, place);
          const before = dataCounts(bot);
          const reply = (await say(bot, { ...actor.who, chatId: place.chatId }, spec.text(place))).texts.join('\n');
          const refused = PERMISSION_REFUSAL.test(reply);
          const allowed = expectedAllowed(command, actor, outside);
          if (allowed === refused) {
            mismatches.push(`${actor.label} in ${place.villageName}: expected ${allowed ? 'allowed' : 'refused'}, got “${reply.slice(0, 80)}”`);
          } else if (refused && JSON.stringify(dataCounts(bot)) !== JSON.stringify(before)) {
            mismatches.push(`${actor.label} in ${place.villageName}: refused but wrote rows`);
          }
          await bot.store.close();
        }
      }
      expect(mismatches).toEqual([]);
    });
  }
});
