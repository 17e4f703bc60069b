import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { DEMO, say } from '../support/bot.js';
import { startFakeDingTalk, type FakeDingTalk } from './fake-open-api.js';
import { deliver, dingtalkTestBot, groupText, privateText, rows } from './support.js';

describe('DingTalk configuration', () => {
  const creds = { DINGTALK_CLIENT_ID: 'ding-x', DINGTALK_CLIENT_SECRET: 's' };

  it('defaults to stream on Node, to webhook on Workers, and the robot code to the client id', () => {
    expect(parseConfig(creds)).toMatchObject({ DINGTALK_MODE: 'stream', DINGTALK_ROBOT_CODE: 'ding-x', DINGTALK_API_ROOT: 'https://api.dingtalk.com', localMode: false, devConsole: false });
    expect(parseConfig(creds, { runtime: 'workers' })).toMatchObject({ DINGTALK_MODE: 'webhook' });
    expect(parseConfig({ ...creds, DINGTALK_ROBOT_CODE: 'ding-robot', DINGTALK_MODE: 'webhook' })).toMatchObject({ DINGTALK_MODE: 'webhook', DINGTALK_ROBOT_CODE: 'ding-robot' });
  });

  it.each([
    [{ DINGTALK_CLIENT_ID: 'ding-x' }, 'DINGTALK_CLIENT_SECRET', 'DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET go together'],
    [{ ...creds, DINGTALK_MODE: 'socket' }, 'DINGTALK_MODE', ''],
    [{ ...creds, DINGTALK_API_ROOT: 'not a url' }, 'DINGTALK_API_ROOT', ''],
  ])('refuses %j naming %s', (env, name, message) => {
    expect(() => parseConfig(env)).toThrow(new RegExp(`^Invalid configuration:\\n  ${name}: ${message}`));
  });

  it('refuses stream mode on Workers, saying what to do instead', () => {
    expect(() => parseConfig({ ...creds, DINGTALK_MODE: 'stream' }, { runtime: 'workers' })).toThrow(
      "DINGTALK_MODE: stream needs a long-running Node process; on Workers set it to webhook (or leave it unset) and point the robot's HTTP message URL at /webhook/dingtalk",
    );
  });

  it('takes dingtalk:<staffId> in ADMINS', () => {
    expect(parseConfig({ ADMINS: 'dingtalk:manager4220,lark:ou_abc' }).ADMINS).toEqual([
      { platform: 'dingtalk', userId: 'manager4220' },
      { platform: 'lark', userId: 'ou_abc' },
    ]);
  });
});

describe('DingTalk identities', () => {
  let fake: FakeDingTalk;
  beforeAll(async () => {
    fake = await startFakeDingTalk();
  });
  afterAll(() => fake.close());
  afterEach(() => fake.reset());
  const texts = () => fake.sends().map((c) => (c.body.msgParam as { content: string }).content);

  it('lets an admin named by ADMINS=dingtalk:<staffId> bind a new DingTalk group', async () => {
    const bot = await dingtalkTestBot(fake, { ADMINS: 'dingtalk:boss001' });
    const m = groupText('msgBind1', '绑定 海门村', { staffId: 'boss001', nick: '李明' });
    m.conversationId = 'cidHaimen==';
    await deliver(bot, m);
    expect(rows(bot, "select purpose, region_code is not null bound from chats where chat_id = 'cidHaimen=='")).toEqual([{ purpose: 'village', bound: 1 }]);
    expect(texts()[0]).toMatch(/^已绑定/u);
  });

  it('links a DingTalk account to the person someone already is on the console with /link (绑定账号)', async () => {
    const bot = await dingtalkTestBot(fake, { DEV_CONSOLE: '1' });
    const issued = await say(bot, { ...DEMO.zhang, chatId: 'private-zhang', chatType: 'private' }, '绑定账号');
    const code = /验证码：(\d{6})/u.exec(issued.texts[0] ?? '')?.[1];
    expect(code).toMatch(/^\d{6}$/u);
    await deliver(bot, privateText('msgLink1', `绑定账号 ${code}`, { staffId: 'zhangphone', nick: '张卫东' }));
    expect(texts()).toEqual(['绑定成功：您的钉钉账号和本地调试台账号现在都是 张卫东，记录和统计按同一人计算。']);
    expect(rows(bot, "select person_id from identities where platform = 'dingtalk' and user_id = 'zhangphone'")).toEqual([{ person_id: 'demo-cadre-zhang' }]);

    await deliver(bot, privateText('msgLink2', '实事 修好了村口路灯', { staffId: 'zhangphone', nick: '张卫东' }));
    expect(rows(bot, "select person_id, kind from records where platform = 'dingtalk'")).toEqual([{ person_id: 'demo-cadre-zhang', kind: 'deed' }]);
  });
});
