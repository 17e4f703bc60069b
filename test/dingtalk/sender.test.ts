import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger, type Envelope } from '../../src/bot/engine/ports.js';
import { createDingTalkApi } from '../../src/bot/platforms/dingtalk/api.js';
import { createDingTalkSender } from '../../src/bot/platforms/dingtalk/sender.js';
import { PlatformError } from '../../src/domain/errors.js';
import { enqueueStatement } from '../../src/db/repo/outbox.js';
import { startFakeDingTalk, type FakeDingTalk } from './fake-open-api.js';
import { CLIENT_ID, CLIENT_SECRET, dingtalkTestBot, GROUP, rows } from './support.js';

let fake: FakeDingTalk;
beforeAll(async () => {
  fake = await startFakeDingTalk();
});
afterAll(() => fake.close());
afterEach(() => fake.reset());

function senderWith(opts: { now?: () => number; renderChart?: () => Promise<Uint8Array> } = {}) {
  const api = createDingTalkApi({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, apiRoot: fake.url, logger: silentLogger, ...(opts.now ? { now: opts.now } : {}) });
  return createDingTalkSender({ api, robotCode: CLIENT_ID, ...(opts.renderChart ? { renderChart: opts.renderChart } : {}) });
}

const envelope = (payload: Envelope['payload'], chatId = GROUP, partsSent = 0): Envelope => ({ key: 'k-1', to: { platform: 'dingtalk', chatId, threadId: null }, payload, attempt: 1, partsSent });
const params = () => fake.sends().map((c) => c.body.msgParam as Record<string, string>);

describe('DingTalk sender', () => {
  it('splits a long text into parts DingTalk accepts and, after a failure, sends only the parts not yet out', async () => {
    const sender = senderWith();
    const line = '温泉村'.repeat(300); // 900 characters
    const text = Array.from({ length: 10 }, (_, i) => `${i}${line}`).join('\n');
    fake.script('group', { body: { processQueryKey: 'pqk-a' } }, { status: 500, body: { code: 'ServiceUnavailable', message: 'busy' } });
    const failure = await sender.send(envelope({ text })).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PlatformError);
    expect((failure as PlatformError).partsSent).toBe(1);
    expect((failure as PlatformError).retryable).toBe(true);

    fake.reset();
    await sender.send(envelope({ text }, GROUP, 1));
    const parts = params().map((p) => p.content ?? '');
    expect(parts.map((p) => p.length)).toEqual([3607, 1803]);
    expect(parts[0]!.startsWith(`4${line}`)).toBe(true);
    expect(parts[1]!.endsWith(`9${line}`)).toBe(true);
  });

  it('sends a titled message as markdown with people’s words escaped', async () => {
    const sender = senderWith();
    await sender.send(envelope({ title: '周调度', text: '建议#3 **加粗** [链接](http://x)' }));
    expect(params()).toEqual([{ title: '周调度', text: '#### 周调度\n\n建议\\#3 \\*\\*加粗\\*\\* \\[链接\\](http://x)' }]);
    expect(fake.sends()[0]?.body.msgKey).toBe('sampleMarkdown');
  });

  it('uploads a ledger through /media/upload and sends it as a file after the text', async () => {
    const sender = senderWith();
    const data = Buffer.from('PK\u0003\u0004 workbook bytes');
    await sender.send(envelope({ text: '台账已生成。', attachment: { fileName: '温泉村台账.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', dataBase64: data.toString('base64') } }, 'zhao001'));
    expect(fake.sends().map((c) => ({ route: c.route, query: c.query, token: c.token, key: c.body.msgKey, body: c.route === 'upload' ? c.body : c.body.msgParam }))).toEqual([
      { route: 'private', query: {}, token: 'at-1', key: 'sampleText', body: { content: '台账已生成。' } },
      { route: 'upload', query: { access_token: 'at-1' }, token: 'at-1', key: undefined, body: { type: 'file', media: { name: '温泉村台账.xlsx', size: data.length } } },
      { route: 'private', query: {}, token: 'at-1', key: 'sampleFile', body: { mediaId: '@media-1', fileName: '温泉村台账.xlsx', fileType: 'xlsx' } },
    ]);
  });

  it('sends a chart as a PNG picture when it can draw one, else as lines of text', async () => {
    const chart = { title: '完成率', kind: 'bar' as const, labels: ['温泉村', '海门村'], series: [{ name: '完成率', values: [40, 60] }], unit: '%' };
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    await senderWith({ renderChart: async () => png }).send(envelope({ text: '本月统计', chart }));
    expect(fake.sends().map((c) => [c.route, c.body.msgKey ?? c.body.type])).toEqual([
      ['group', 'sampleText'],
      ['upload', 'image'],
      ['group', 'sampleImageMsg'],
    ]);
    expect(params()[2]).toEqual({ photoURL: '@media-1' });

    fake.reset();
    await senderWith().send(envelope({ text: '本月统计', chart }));
    expect(params()).toEqual([{ content: '本月统计\n完成率\n· 温泉村：40%\n· 海门村：60%' }]);
  });

  it('renews the access token before its two hours are up', async () => {
    let now = 0;
    const sender = senderWith({ now: () => now });
    await sender.send(envelope({ text: '一' }));
    now = (7200 - 301) * 1000;
    await sender.send(envelope({ text: '二' }));
    now = (7200 - 299) * 1000;
    await sender.send(envelope({ text: '三' }));
    expect(fake.sends().map((c) => c.token)).toEqual(['at-1', 'at-1', 'at-2']);
    expect(fake.tokenRequests()).toHaveLength(2);
  });
});

describe('DingTalk pacing', () => {
  it('sends a burst of 50 messages to one group at most 20 a minute, all of them, in order, once', async () => {
    let virtual = 0;
    const at: number[] = [];
    const bot = await dingtalkTestBot(
      fake,
      {},
      {
        pacing: { now: () => virtual, sleep: async (ms) => void (virtual += ms), maxWaitMs: 10 * 60_000 },
        dingtalk: {
          fetch: (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
            if (String(input).includes('groupMessages')) at.push(virtual);
            return fetch(input, init);
          },
        },
      },
    );
    const now = bot.clock().getTime();
    await bot.store.commit(Array.from({ length: 50 }, (_, i) => enqueueStatement(bot.store.db, { to: { platform: 'dingtalk', chatId: GROUP, threadId: null }, text: `第${i + 1}条` }, `burst:${i + 1}`, now)));
    const result = await bot.dispatcher.drain();
    expect(result).toEqual({ sent: 50, retried: 0, dead: 0 });
    expect(params().map((p) => p.content)).toEqual(Array.from({ length: 50 }, (_, i) => `第${i + 1}条`));
    expect(at).toHaveLength(50);
    for (const t of at) expect(at.filter((u) => u >= t && u < t + 60_000).length).toBeLessThanOrEqual(20);
    expect(at[49]! - at[0]!).toBeGreaterThanOrEqual(120_000);
    expect(rows(bot, "select count(*) n from outbox where state = 'sent'")).toEqual([{ n: 50 }]);
  });
});
