import { reliabilityBot } from './bot.js';
import { loadCadre, type RosterShape } from './roster.js';
import { telegramHeaders } from './payloads.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** `/help` from the n-th load cadre in that cadre's village group. */
function helpUpdate(n: number, shape: RosterShape) {
  const cadre = loadCadre(n % shape.cadres, shape);
  return {
    update_id: 900_000_000 + n,
    message: {
      message_id: 200_000 + n,
      from: { id: cadre.telegramId, is_bot: false, first_name: cadre.name },
      chat: { id: cadre.village.telegramGroup, title: `${cadre.village.name}规划编制组`, type: 'supergroup' },
      date: 1796090400,
      text: '/help',
      entities: [{ offset: 0, length: 5, type: 'bot_command' }],
    },
  };
}

export interface GrowthSample {
  day: number;
  processed: number;
  outbox: number;
  /** Outbox rows of replies to events (not scheduled messages). */
  replies: number;
  files: number;
  /** Pages in use (page count less the free list): what the file would hold after VACUUM. */
  usedBytes: number;
}

/**
 * `updates` /help updates spread evenly over `days` of a fixed clock advancing hour by hour, the
 * outbox drained and the scheduler ticked every hour (retention included); one sample a day.
 */
export async function helpFlood(updates: number, days: number, shape: RosterShape): Promise<{ samples: GrowthSample[]; answered: number }> {
  const bot = await reliabilityBot({ shape });
  const samples: GrowthSample[] = [];
  const perHour = Math.ceil(updates / (days * 24));
  const start = bot.clock().getTime();
  let sent = 0;
  for (let hour = 0; hour < days * 24; hour++) {
    const at = start + hour * HOUR;
    bot.clock.set(new Date(at).toISOString());
    for (let i = 0; i < perHour && sent < updates; i++, sent++) {
      const res = await bot.app.request('/webhook/telegram', { method: 'POST', headers: telegramHeaders(), body: JSON.stringify(helpUpdate(sent, shape)) });
      if (res.status !== 200) throw new Error(`update ${sent} answered ${res.status}`);
    }
    await bot.settle();
    bot.passPacingTime(HOUR);
    await bot.dispatcher.drain();
    await bot.tick(new Date(at));
    if ((hour + 1) % 24 === 0) {
      const pages = (name: string) => (bot.store.sqlite.pragma(name, { simple: true }) as number) ?? 0;
      samples.push({
        day: (at - start + HOUR) / DAY,
        processed: bot.count('processed_events'),
        outbox: bot.count('outbox'),
        replies: bot.count('outbox', "key like 'telegram:%'"),
        files: bot.count('files'),
        usedBytes: (pages('page_count') - pages('freelist_count')) * pages('page_size'),
      });
    }
  }
  // Replies to /help only: the month's scheduled lines (a village's five-ones count) are not answers.
  const answered = bot.telegramApi.sends().filter((s) => String((s.payload as { text?: unknown }).text ?? '').startsWith('归乡 · 干部规划家乡行动助手')).length;
  await bot.store.close();
  return { samples, answered };
}
