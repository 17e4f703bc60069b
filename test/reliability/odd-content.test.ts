import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenApi, type FakeOpenApi } from '../lark/fake-open-api.js';
import { deliver, larkTestBot, textEvent } from '../lark/support.js';
import { DEMO, say, testBot } from '../support/bot.js';
import { sentTo } from '../suggestions/support.js';

let fake: FakeOpenApi;
beforeAll(async () => {
  fake = await startFakeOpenApi();
});
afterAll(() => fake.close());

const recordTexts = (bot: { store: { sqlite: { prepare(sql: string): { all(): unknown[] } } } }) =>
  (bot.store.sqlite.prepare("select text from records where platform = 'lark' order by id").all() as { text: string }[]).map((r) => r.text);

describe('validly signed Feishu events with odd content', () => {
  it('`mentions: [null]` and a mention without a key are read as no mention, not a 500', async () => {
    const bot = await larkTestBot(fake);
    const event = textEvent('evt-null-mention', 'ou_zhang', '建议 村口安装路灯', { mentions: [null, { name: '无键' }, 7] });
    expect(await deliver(bot, event)).toEqual({ status: 200, json: {} });
    expect(recordTexts(bot)).toEqual(['村口安装路灯']);
  });

  it('numbers, nulls and non-lists in post content are skipped; the readable text is kept', async () => {
    const bot = await larkTestBot(fake);
    const event = textEvent('evt-odd-post', 'ou_zhang', '', { mentions: [null] });
    event.event.message.message_type = 'post';
    event.event.message.content = JSON.stringify({
      zh_cn: {
        title: 12,
        content: [[{ tag: 'text', text: '建议 修建' }, { tag: 'text', text: 3 }, null, 5, { tag: 'at', user_id: 9 }, { tag: 'text', text: '号水渠' }], 42, null],
      },
    });
    expect(await deliver(bot, event)).toEqual({ status: 200, json: {} });
    expect(recordTexts(bot)).toEqual(['修建号水渠']);
  });
});

describe('the 转交单 with characters XML cannot hold', () => {
  it('drops control characters so the .docx stays valid XML, with the readable text intact', async () => {
    const bot = await testBot();
    await say(bot, DEMO.zhang, '建议 村口\u0001道路\u0008需要\u001F硬化\uFFFF');
    bot.clock.advance(86_400_000);
    await say(bot, DEMO.leader, '审核 建议#1 采纳 同意\u000B');
    await say(bot, DEMO.leader, '转交');
    const file = sentTo(bot, 'wenquan-village').filter((m) => m.payload.attachment).at(-1)!.payload.attachment!;
    const zip = await JSZip.loadAsync(file.dataBase64, { base64: true });
    const xml = await zip.file('word/document.xml')!.async('string');
    // XML 1.0's Char production: tab, newline, carriage return and U+0020 up, without U+FFFE/U+FFFF.
    expect(xml.match(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/gu)).toBeNull();
    expect(xml).toContain('村口道路需要硬化');
  });
});
