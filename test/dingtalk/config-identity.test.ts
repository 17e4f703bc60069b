import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';
import { startFakeDingTalk, type FakeDingTalk } from './fake-open-api.js';
import { deliver, dingtalkTestBot, groupText, rows } from './support.js';

describe('DingTalk configuration', () => {
  const creds = { DINGTALK_CLIENT_ID: 'ding-x', DINGTALK_CLIENT_SECRET: 's', DASHBOARD_SECRET: 'dingtalk-config-dashboard-secret' };

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
});
