import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { outbox, records } from '../../src/db/schema/index.js';
import { msg } from '../../src/domain/messages.js';
import { startFakeWecomGateway } from './fake-gateway.js';
import { fixture, GROUP, textPush, wecomTestBot, type WecomTestBot } from './support.js';

const BOT_ID = 'aib_test_bot';
const SECRET = 'test-bot-secret';

describe('WeCom long connection (WECOM_MODE=ws, the official SDK against a gateway on loopback)', () => {
  let gateway: Awaited<ReturnType<typeof startFakeWecomGateway>>;
  let bot: WecomTestBot;

  beforeEach(async () => {
    gateway = await startFakeWecomGateway({ botId: BOT_ID, secret: SECRET });
    bot = await wecomTestBot({ WECOM_BOT_ID: BOT_ID, WECOM_BOT_SECRET: SECRET, WECOM_WS_URL: gateway.url });
    await bot.adapters.get('wecom')!.start!();
    await gateway.waitFor(() => gateway.state.subscribed === 1);
  });
  afterEach(async () => {
    await bot.adapters.get('wecom')!.stop!();
    await gateway.close();
  });

  const sends = () => gateway.sent.filter((f) => f.cmd === 'aibot_send_msg').map((f) => f.body!);
  const waitSends = async (n: number) => {
    await gateway.waitFor(() => sends().length >= n);
    await bot.settle();
  };

  it('subscribes with the bot id and secret, records a group @-message and sends the reply to the group', async () => {
    gateway.push(textPush('ws-1', 'zhangweidong', '@归乡 建议 村口道路需要硬化'));
    await waitSends(1);
    expect(sends()[0]).toEqual({ chatid: GROUP, msgtype: 'markdown', markdown: { content: expect.stringMatching(/^已记录 建议#1/u) } });
    expect(await bot.store.db.select({ text: records.text }).from(records).where(eq(records.platform, 'wecom'))).toEqual([{ text: '村口道路需要硬化' }]);

    // The same msgid again (WeCom may push twice): no second record, no second reply.
    gateway.push(textPush('ws-1', 'zhangweidong', '@归乡 建议 村口道路需要硬化'));
    gateway.push(textPush('ws-2', 'zhangweidong', '@归乡 帮助'));
    await waitSends(2);
    expect(sends()).toHaveLength(2);
    expect(await bot.store.db.select().from(records).where(eq(records.platform, 'wecom'))).toHaveLength(1);
  });

  it('answers a private message in the private chat, addressed by userid', async () => {
    gateway.push(textPush('ws-p1', 'zhangweidong', '我的', 'single'));
    await waitSends(1);
    expect(sends()[0]).toMatchObject({ chatid: 'zhangweidong', msgtype: 'markdown' });
  });

  it('shows buttons as a template card, and a click on it comes back as the button', async () => {
    // Someone not on the roster asks to join: the leader gets 批准 / 驳回 buttons.
    gateway.push(textPush('ws-j1', 'lisi', '@归乡 登记 李四'));
    await waitSends(1);
    const card = sends().find((s) => s.msgtype === 'template_card') as { template_card: { card_type: string; main_title: { title: string }; button_list: { text: string; key: string }[]; task_id: string } } | undefined;
    expect(card?.template_card.card_type).toBe('button_interaction');
    const approve = card!.template_card.button_list.find((b) => b.key.startsWith('approve:'));
    expect(approve).toBeDefined();
    expect(card!.template_card.task_id).toMatch(/^[A-Za-z0-9_\-@]{1,128}$/u);
    const before = sends().length;
    gateway.push({ ...fixture('card-click'), msgid: 'ws-click-1', from: { userid: 'yangjianguo' }, event: { eventtype: 'template_card_event', template_card_event: { card_type: 'button_interaction', event_key: approve!.key, task_id: card!.template_card.task_id } } });
    await waitSends(before + 1);
    expect(sends().slice(before).map((s) => JSON.stringify(s))).toEqual(expect.arrayContaining([expect.stringContaining('李四')]));

    // The clicked card is replaced in place, answering the click's own frame: same title and
    // buttons, and underneath what the click did.
    await gateway.waitFor(() => gateway.sent.some((f) => f.cmd === 'aibot_respond_update_msg'));
    const update = gateway.sent.find((f) => f.cmd === 'aibot_respond_update_msg')!;
    expect(update.headers.req_id).toMatch(/^push-\d+$/u);
    expect(update.body).toEqual({
      response_type: 'update_template_card',
      template_card: {
        card_type: 'button_interaction',
        main_title: card!.template_card.main_title,
        sub_title_text: msg.done,
        button_list: card!.template_card.button_list,
        task_id: card!.template_card.task_id,
      },
    });
  });

  it('waits out a frequency limit (errcode 45009) and sends the reply on the next drain after it', async () => {
    gateway.state.failNext = 1;
    gateway.push(textPush('ws-r1', 'zhangweidong', '@归乡 帮助'));
    await gateway.waitFor(() => gateway.state.failNext === 0);
    await bot.settle();
    const [row] = await bot.store.db.select({ state: outbox.state, attempts: outbox.attempts, nextAttemptAt: outbox.nextAttemptAt }).from(outbox).where(eq(outbox.platform, 'wecom'));
    expect(row).toMatchObject({ state: 'pending', attempts: 1 });
    expect(row!.nextAttemptAt - bot.clock().getTime()).toBeGreaterThanOrEqual(60_000);
    bot.clock.advance(61_000);
    await bot.dispatcher.drain('wecom');
    expect(sends()).toHaveLength(1);
  });
});
