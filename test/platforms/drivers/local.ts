import { DEMO, press, say, testBot } from '../../support/bot.js';
import type { PlatformEntry, Who } from './types.js';

const PEOPLE: Record<Who, { userId: string; userName: string }> = { zhang: DEMO.zhang, leader: DEMO.leader, newcomer: { userId: 'u-zhaoxy', userName: '赵小云' } };
const GROUP = 'wenquan-village';

/** The console: what the bot sent is read from the outbox rows it delivered there. */
export const local: PlatformEntry = {
  name: 'local',
  platform: 'local',
  rateLimited: false,
  tellsBotAdded: false,
  async start() {
    const bot = await testBot();
    const payloads = () =>
      (bot.store.sqlite.prepare("select payload from outbox where platform = 'local' order by id").all() as { payload: string }[]).map(
        (r) => JSON.parse(r.payload) as { text: string; buttons?: { value: string }[][] },
      );
    return {
      bot,
      group: GROUP,
      async say(text, eventId, who = 'zhang') {
        return (await say(bot, { ...PEOPLE[who], eventId }, text)).status;
      },
      async press(value, _eventId, who = 'leader') {
        await press(bot, PEOPLE[who], value);
      },
      sent: () => payloads().map((p) => p.text),
      buttons: () => payloads().flatMap((p) => (p.buttons ?? []).flat().map((b) => b.value)),
      partLimit: { max: Number.POSITIVE_INFINITY, unit: 'chars' },
      close: async () => {},
    };
  },
};
