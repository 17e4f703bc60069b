import { RATE_LIMIT_BACKOFF_MS } from '../../../src/bot/platforms/dingtalk/errors.js';
import { dingtalkMsg } from '../../../src/bot/platforms/dingtalk/messages.js';
import { PART_CHARS } from '../../../src/bot/platforms/dingtalk/render.js';
import { startFakeDingTalk } from '../../dingtalk/fake-open-api.js';
import { deliver, dingtalkTestBot, GROUP, groupText } from '../../dingtalk/support.js';
import type { PlatformEntry, Who } from './types.js';

const STAFF: Record<Who, { staffId: string; nick: string }> = {
  zhang: { staffId: 'zhang001', nick: '张卫东' },
  leader: { staffId: 'yang001', nick: '杨建国' },
  newcomer: { staffId: 'zhaoxy001', nick: '赵小云' },
};
const PRESS_LINK = 'dtmd://dingtalkclient/sendMessage?content=';

/**
 * DingTalk by its HTTP callback (signed POSTs to /webhook/dingtalk), or by its stream: the
 * official SDK's client connected to the fake's gateway, each message pushed as a CALLBACK frame
 * and done when the bot acknowledges it (after its write).
 */
function dingtalkEntry(mode: 'webhook' | 'stream'): PlatformEntry {
  return {
    name: mode === 'webhook' ? 'dingtalk' : 'dingtalk-stream',
    platform: 'dingtalk',
    rateLimited: true,
    // A robot's stream and HTTP callbacks carry messages only.
    tellsBotAdded: false,
    async start() {
      const fake = await startFakeDingTalk();
      const bot = await dingtalkTestBot(fake, { DINGTALK_MODE: mode });
      const adapter = bot.adapters.get('dingtalk')!;
      if (mode === 'stream') {
        await adapter.start!();
        await fake.until(() => fake.connections() === 1, 'a stream connection');
      }
      let frames = 0;
      const deliverMessage = async (message: Record<string, unknown>) => {
        if (mode === 'webhook') return (await deliver(bot, message)).status;
        const acked = fake.acks.length;
        fake.push(`frame-${++frames}`, message);
        await fake.until(() => fake.acks.length > acked, 'the acknowledgement');
        await bot.settle();
        return 200;
      };
      // A refused send is a call the fake received, not a message anyone saw.
      const refused = new Set<number>();
      const attempts = () => fake.sends().filter((c) => c.route === 'group' || c.route === 'private');
      const params = () => attempts().filter((_, i) => !refused.has(i)).map((c) => c.body.msgParam as Record<string, string>);
      const say = (text: string, eventId: string, who: Who = 'zhang') => deliverMessage(groupText(eventId, text, STAFF[who]));
      return {
        bot,
        group: GROUP,
        say,
        async press(value, eventId, who = 'leader') {
          // A tapped action-card button sends its words as the presser's message.
          await say(`${dingtalkMsg.pressWord} ${value}`, eventId, who);
        },
        sent: () => params().map((p) => p.content ?? p.text ?? ''),
        buttons: () =>
          params().flatMap((p) =>
            Object.entries(p)
              .filter(([k, v]) => /^(actionURL\d|singleURL)$/u.test(k) && v.startsWith(PRESS_LINK))
              .map(([, v]) => decodeURIComponent(v.slice(PRESS_LINK.length)).slice(dingtalkMsg.pressWord.length + 1)),
          ),
        partLimit: { max: PART_CHARS, unit: 'chars' },
        rateLimitNext() {
          refused.add(attempts().length);
          fake.script('group', { status: 429, body: { code: 'Throttling.Api', message: 'flow controlled' } });
          return RATE_LIMIT_BACKOFF_MS;
        },
        async close() {
          await adapter.stop?.();
          await fake.close();
        },
      };
    },
  };
}

export const dingtalk = dingtalkEntry('webhook');
export const dingtalkStream = dingtalkEntry('stream');
