import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { identities, joinRequests, people, roles } from '../../src/db/schema/index.js';
import { DEMO, press, say, testBot } from '../support/bot.js';

const newcomer = { userId: 'u-new', userName: '小李' };

describe('/join and approval', () => {
  it('a name alone becomes a request; the leader approves it onto the roster entry', async () => {
    const bot = await testBot();
    const r = await say(bot, newcomer, '登记 李秀英');
    expect(r.texts).toEqual([
      '已提交认领申请#1：名册里的 李秀英 需要核实身份，等待编制组组长或乡镇联络站批准。也可以发送「登记 李秀英 手机尾号4位」直接登记。',
      '江川区江城镇温泉村：认领申请#1：本地调试台用户「小李」 要认领名册里的 李秀英（没有给手机尾号）。可回复「批准 1」或「驳回 1 理由」。',
    ]);
    expect(await bot.store.db.select().from(identities).where(eq(identities.userId, 'u-new'))).toEqual([]);
    expect((await say(bot, DEMO.leader, '批准 1')).texts).toEqual(['已批准：李秀英 登记为江川区江城镇温泉村的回乡干部。']);
    expect(await bot.store.db.select().from(identities).where(eq(identities.userId, 'u-new'))).toEqual([
      expect.objectContaining({ platform: 'local', personId: 'demo-cadre-li', displayName: '小李', matchedBy: 'approval' }),
    ]);
    expect((await say(bot, newcomer, '登记 李秀英')).texts).toEqual(['您已经登记为江川区江城镇温泉村的 李秀英，不用重复登记。']);
    expect((await say(bot, newcomer, '建议 修路')).texts[0]).toMatch(/^已记录 建议#1/u);
  });

  it('checks the phone tail and refuses a claimed entry', async () => {
    const bot = await testBot();
    expect((await say(bot, newcomer, '登记 李秀英 9999')).texts).toEqual(['名册里 李秀英 的手机尾号对不上（今天还可以再试 4 次）。请核对后重发，或联系编制组组长。']);
    expect((await say(bot, newcomer, '登记 李秀英 12')).texts).toEqual(['手机尾号要写 4 位数字，例如「登记 张三 1234」。']);
    expect((await say(bot, newcomer, '登记')).texts).toEqual(['请写上您的姓名，例如「登记 张三」；同名时加手机尾号，例如「登记 张三 1234」。']);
    expect((await say(bot, newcomer, '登记 李秀英 2468')).texts[0]).toMatch(/^欢迎您，李秀英/u);
    expect(await bot.store.db.select().from(identities).where(eq(identities.userId, 'u-new'))).toEqual([
      expect.objectContaining({ personId: 'demo-cadre-li', matchedBy: 'phone_tail' }),
    ]);
    expect((await say(bot, { userId: 'u-other', userName: '冒名' }, '登记 李秀英')).texts).toEqual([
      '名册里的 李秀英 已经由另一个账号登记。已提交转移申请#1，由乡镇联络服务站核实。如果那是您自己的另一个账号，请用它私聊我发送「绑定账号」。',
    ]);
  });

  it('a station approves a transfer; the old account is told in private and loses the entry', async () => {
    const bot = await testBot();
    await say(bot, { userId: 'u-other', userName: '李秀英' }, '登记 李秀英 2468');
    await say(bot, newcomer, '登记 李秀英');
    expect((await say(bot, { ...DEMO.township, chatId: 'jiangcheng-station' }, '批准 1')).texts).toEqual(['已批准：李秀英 登记为江川区江城镇温泉村的回乡干部。']);
    expect(await bot.store.db.select({ userId: identities.userId, matchedBy: identities.matchedBy }).from(identities).where(eq(identities.personId, 'demo-cadre-li'))).toEqual([
      { userId: 'u-new', matchedBy: 'approval' },
    ]);
    const old = await bot.app.request('/dev/messages?chatId=private-u-other&after=0');
    expect(((await old.json()) as { messages: { text: string }[] }).messages.map((m) => m.text)).toEqual([
      '乡镇联络服务站已把名册里的 李秀英 转给另一个账号，您的这个账号不再代表 李秀英。如有疑问，请联系乡镇联络服务站。',
    ]);
  });

  it('asks for the phone tail when two roster entries share a name', async () => {
    const bot = await testBot();
    await bot.store.db.insert(people).values({ id: 'p-dup', name: '李秀英', phone: '13800001111', homeRegion: '530403101208', onRoster: 1, createdAt: 0 });
    expect((await say(bot, newcomer, '登记 李秀英')).texts).toEqual(['名册里有不止一位 李秀英，请加上手机尾号 4 位，例如「登记 李秀英 1234」。']);
    expect((await say(bot, newcomer, '登记 李秀英 1111')).texts[0]).toMatch(/^欢迎您，李秀英/u);
  });

  it('someone not on the roster waits for the leader, who approves', async () => {
    const bot = await testBot();
    const r = await say(bot, newcomer, '登记 赵小梅 5678');
    expect(r.texts).toEqual([
      '名册里没有找到 赵小梅，已提交登记申请（申请#1），等待江川区江城镇温泉村编制组组长或乡镇联络站批准。',
      '新的登记申请#1：赵小梅，名册里没有此人。组长或联络站可回复「批准 1」或「驳回 1 理由」。',
    ]);
    expect(r.replies[1]!.buttons).toEqual([[{ label: '批准', value: 'approve:1' }, { label: '驳回', value: 'reject:1' }]]);
    // The township station hears of it in its own chat.
    const station = await bot.app.request('/dev/messages?chatId=jiangcheng-station&after=0');
    expect(((await station.json()) as { messages: { text: string }[] }).messages.map((m) => m.text)).toEqual([
      '江川区江城镇温泉村：新的登记申请#1：赵小梅，名册里没有此人。组长或联络站可回复「批准 1」或「驳回 1 理由」。',
    ]);
    expect((await say(bot, newcomer, '登记 赵小梅')).texts).toEqual(['您的登记申请#1 还在等待批准，请耐心等候。']);
    expect((await say(bot, newcomer, '建议 修路')).texts).toEqual(['只有已登记的回乡干部才能记录。请先在本村群里发送「登记 姓名」。']);
    // A cadre may not approve; the leader may.
    expect((await say(bot, DEMO.zhang, '批准 1')).texts).toEqual(['您没有使用「批准」的权限。发送「帮助」查看您能用的命令。']);
    // Groups never see phone digits, not even the tail the newcomer typed there.
    expect((await say(bot, DEMO.leader, '批准')).texts).toEqual(['待批准的登记申请：\n申请#1 赵小梅\n回复「批准 申请号」或「驳回 申请号 理由」。']);
    expect((await say(bot, DEMO.leader, '批准 1')).texts).toEqual(['已批准：赵小梅 登记为江川区江城镇温泉村的回乡干部。']);
    expect((await say(bot, DEMO.leader, '批准 1')).texts).toEqual(['没有找到待处理的申请#1，可能已经处理过了。']);
    expect(await bot.store.db.select().from(roles).where(eq(roles.personId, 'join-1'))).toEqual([
      expect.objectContaining({ role: 'cadre', regionCode: '530403101208' }),
    ]);
    expect((await say(bot, newcomer, '建议 修路')).texts[0]).toMatch(/^已记录 建议#1/u);
  });

  it('the township station rejects with the button; a second tap changes nothing', async () => {
    const bot = await testBot();
    await say(bot, newcomer, '登记 赵小梅');
    const first = await press(bot, { ...DEMO.township, chatId: 'jiangcheng-station' }, 'reject:1');
    expect(first.toast).toBe('好的');
    expect(first.replies.map((r) => r.text)).toEqual(['已驳回 赵小梅 的登记申请。']);
    const second = await press(bot, { ...DEMO.township, chatId: 'jiangcheng-station' }, 'reject:1');
    expect(second).toMatchObject({ replies: [], toast: '没有找到待处理的申请#1，可能已经处理过了。' });
    expect(await bot.store.db.select().from(joinRequests)).toEqual([expect.objectContaining({ id: 1, status: 'rejected', decidedBy: 'demo-township' })]);
    // The requester's chat is told.
    const village = await bot.app.request('/dev/messages?chatId=wenquan-village&after=0');
    const texts = ((await village.json()) as { messages: { text: string }[] }).messages.map((m) => m.text);
    expect(texts.at(-1)).toBe('已驳回 赵小梅 的登记申请。');
  });

  it('a station outside the village may not decide', async () => {
    const bot = await testBot();
    await say(bot, newcomer, '登记 赵小梅');
    expect((await say(bot, { ...DEMO.lvzhi, chatId: 'lvzhi-station' }, '批准 1')).texts).toEqual(['您没有使用「批准」的权限。发送「帮助」查看您能用的命令。']);
    expect(await bot.store.db.select().from(joinRequests)).toEqual([expect.objectContaining({ status: 'pending' })]);
  });

  it('/join only works in a village chat', async () => {
    const bot = await testBot();
    expect((await say(bot, { ...newcomer, chatId: 'jiangcheng-station' }, '登记 李秀英')).texts).toEqual(['这个命令要在村庄规划编制组的群里使用。']);
    expect((await say(bot, { ...newcomer, chatId: 'nowhere' }, '登记 李秀英')).texts).toEqual([
      '本群还没有绑定到村或联络站。请联络站或工作专班在群里发送「绑定 村名」。',
    ]);
    expect(await bot.store.db.select().from(identities).where(eq(identities.userId, 'u-new'))).toEqual([]);
  });
});
