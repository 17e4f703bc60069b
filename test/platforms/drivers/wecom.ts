import { MARKDOWN_BYTES } from '../../../src/bot/platforms/wecom/sender.js';
import { startFakeWecomGateway } from '../../wecom/fake-gateway.js';
import { fixture, GROUP, textPush, wecomTestBot } from '../../wecom/support.js';
import type { PlatformEntry, Who } from './types.js';

const USER_IDS: Record<Who, string> = { zhang: 'zhangweidong', leader: 'yangjianguo', newcomer: 'zhaoxiaoyun' };
const BOT_ID = 'aib_contract_bot';
const SECRET = 'contract-bot-secret';

type Card = { main_title?: { title?: string }; button_list?: { key: string }[] };

/** WeCom by its long connection (WECOM_MODE=ws): the official SDK against a gateway on loopback. */
export const wecom: PlatformEntry = {
  name: 'wecom',
  platform: 'wecom',
  rateLimited: true,
  // Pushes to a robot are messages and card clicks; entering a chat is a private event only.
  tellsBotAdded: false,
  async start() {
    const gateway = await startFakeWecomGateway({ botId: BOT_ID, secret: SECRET });
    const bot = await wecomTestBot({ WECOM_BOT_ID: BOT_ID, WECOM_BOT_SECRET: SECRET, WECOM_WS_URL: gateway.url });
    // Pushes arrive over the socket, not as requests: count the pipeline's decisions to know when one is done.
    let handled = 0;
    const waiting: (() => void)[] = [];
    const handle = bot.pipeline.handle.bind(bot.pipeline);
    bot.pipeline.handle = async (event) => {
      try {
        return await handle(event);
      } finally {
        handled++;
        for (const w of waiting.splice(0)) w();
      }
    };
    const adapter = bot.adapters.get('wecom')!;
    await adapter.start!();
    await gateway.waitFor(() => gateway.state.subscribed === 1);
    const push = async (body: Record<string, unknown>) => {
      const target = handled + 1;
      const done = new Promise<void>((resolve) => {
        const check = () => (handled >= target ? resolve() : waiting.push(check));
        check();
      });
      gateway.push(body);
      await done;
      await new Promise((r) => setImmediate(r));
      await bot.settle();
    };
    const bodies = () => gateway.sent.filter((f) => f.cmd === 'aibot_send_msg').map((f) => f.body as { msgtype: string; markdown?: { content: string }; template_card?: Card });
    return {
      bot,
      group: GROUP,
      async say(text, eventId, who = 'zhang') {
        await push(textPush(eventId, USER_IDS[who], `@归乡 ${text}`));
        return 200;
      },
      async press(value, eventId, who = 'leader') {
        const card = bodies().find((b) => b.template_card?.button_list?.some((x) => x.key === value));
        const taskId = (card?.template_card as { task_id?: string } | undefined)?.task_id ?? 'task-unknown';
        await push({ ...fixture('card-click'), msgid: eventId, from: { userid: USER_IDS[who] }, event: { eventtype: 'template_card_event', template_card_event: { card_type: 'button_interaction', event_key: value, task_id: taskId } } });
      },
      sent: () => bodies().filter((b) => b.msgtype === 'markdown').map((b) => b.markdown!.content),
      buttons: () => bodies().flatMap((b) => b.template_card?.button_list?.map((x) => x.key) ?? []),
      partLimit: { max: MARKDOWN_BYTES, unit: 'bytes' },
      rateLimitNext() {
        gateway.state.failNext = 1;
        return 60_000;
      },
      async close() {
        await adapter.stop!();
        await gateway.close();
      },
    };
  },
};
