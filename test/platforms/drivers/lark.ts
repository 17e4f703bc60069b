import { startFakeOpenApi } from '../../lark/fake-open-api.js';
import { deliver, fixture, larkTestBot, textEvent } from '../../lark/support.js';
import type { PlatformEntry, Who } from './types.js';

const OPEN_IDS: Record<Who, string> = { zhang: 'ou_zhang', leader: 'ou_yang', newcomer: 'ou_zhaoxy' };

/** Every string held under `key` anywhere in a card. */
function valuesUnder(node: unknown, key: string, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) valuesUnder(n, key, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === key && typeof v === 'string') out.push(v);
      else valuesUnder(v, key, out);
    }
  }
  return out;
}

export const lark: PlatformEntry = {
  name: 'lark',
  platform: 'lark',
  rateLimited: true,
  tellsBotAdded: true,
  async start() {
    const fake = await startFakeOpenApi();
    const bot = await larkTestBot(fake);
    // A refused send is a call the fake received, not a message anyone saw.
    const refused = new Set<number>();
    const attempts = () => fake.sends().filter((c) => c.path === '/open-apis/im/v1/messages' || c.path.endsWith('/reply'));
    const messages = () => attempts().filter((_, i) => !refused.has(i));
    const contentOf = (c: { body: Record<string, unknown> }) => JSON.parse(String(c.body.content)) as Record<string, unknown>;
    return {
      bot,
      group: 'oc_wenquan',
      async say(text, eventId, who = 'zhang') {
        return (await deliver(bot, textEvent(eventId, OPEN_IDS[who], text))).status;
      },
      async press(value, eventId, who = 'leader') {
        const event = fixture('card-action');
        event.header.event_id = eventId;
        event.event.operator.open_id = OPEN_IDS[who];
        event.event.action.value = value;
        await deliver(bot, event);
      },
      sent: () =>
        messages().map((c) => {
          const content = contentOf(c);
          return c.body.msg_type === 'interactive' ? valuesUnder(content, 'content').join('\n') : String(content.text ?? '');
        }),
      buttons: () => messages().flatMap((c) => (c.body.msg_type === 'interactive' ? valuesUnder(contentOf(c), 'value') : [])),
      // A text message carries up to 150 KB of its JSON body.
      partLimit: { max: 150 * 1024, unit: 'bytes' },
      rateLimitNext() {
        refused.add(attempts().length);
        fake.script('create', { status: 429, body: { code: 99991400, msg: 'request trigger frequency limit' }, headers: { 'x-ogw-ratelimit-reset': '30' } });
        return 30_000;
      },
      async addToGroup() {
        const event = fixture('bot-added');
        await deliver(bot, event);
        return { chatId: String(event.event.chat_id) };
      },
      close: () => fake.close(),
    };
  },
};
