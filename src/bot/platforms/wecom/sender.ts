import type { StoredPayload } from '../../../db/repo/outbox.js';
import { PlatformError } from '../../../domain/errors.js';
import type { Button, ChartSpec } from '../../../domain/types.js';
import type { Pacing } from '../../engine/outbox/pacing.js';
import type { CardMemory, RememberedCard } from './card-memory.js';
import type { Envelope, Logger, PlatformSender } from '../../engine/ports.js';
import { type WecomLink, WecomFrameError } from './connection.js';
import { privateUserOf } from './parse.js';

/**
 * WeCom documents no per-chat rate for the smart robot's proactive sends; its group webhook robot
 * (消息推送) allows 20 messages a minute per group, and we keep to that everywhere, with one a
 * second per chat so a burst does not arrive as a wall.
 */
export const WECOM_PACING: Pacing = {
  limits: [
    { scope: 'chat', max: 1, perMs: 1_000 },
    { scope: 'chat', max: 20, perMs: 60_000 },
  ],
};

/** A markdown message is cut at this many bytes (WeCom's documented markdown limit is 4,096). */
export const MARKDOWN_BYTES = 4_000;
/** A button_interaction card holds at most six buttons. */
const BUTTONS_PER_CARD = 6;

export interface WecomSenderDeps {
  link: () => WecomLink | null;
  logger: Logger;
  /** Draws a chart as PNG. Without it a chart message goes out as its text alone. */
  renderChart?: (spec: ChartSpec) => Promise<Uint8Array>;
  /** Where sent button cards are kept for updating after a click. */
  cards?: CardMemory;
}

/** Splits text into parts of at most `limit` UTF-8 bytes, at line ends where it can. */
export function splitByBytes(text: string, limit = MARKDOWN_BYTES): string[] {
  const parts: string[] = [];
  let current = '';
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
  for (const line of text.split('\n')) {
    const candidate = current === '' ? line : `${current}\n${line}`;
    if (bytes(candidate) <= limit) {
      current = candidate;
      continue;
    }
    if (current !== '') parts.push(current);
    current = '';
    // A single line longer than the limit is cut by characters.
    let rest = line;
    while (bytes(rest) > limit) {
      let cut = rest.length;
      while (bytes(rest.slice(0, cut)) > limit) cut = Math.floor(cut * 0.9);
      parts.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  if (current !== '' || parts.length === 0) parts.push(current);
  return parts;
}

function markdownOf(p: StoredPayload): string {
  const mentions = p.mentions?.length ? `${p.mentions.map((m) => `<@${m.userId}>`).join(' ')} ` : '';
  return `${p.title ? `**${p.title}**\n` : ''}${mentions}${p.text}`;
}

/** task_id: unique per card, letters, digits and _-@ only, at most 128 bytes. */
function taskIdOf(key: string, n: number): string {
  return `${key.replace(/[^A-Za-z0-9_\-@]/gu, '_').slice(0, 100)}-${n}`;
}

function cardsOf(p: StoredPayload, key: string): Record<string, unknown>[] {
  const buttons: Button[] = (p.buttons ?? []).flat();
  const cards: Record<string, unknown>[] = [];
  for (let i = 0; i < buttons.length; i += BUTTONS_PER_CARD) {
    cards.push({
      msgtype: 'template_card',
      template_card: {
        card_type: 'button_interaction',
        main_title: { title: (p.title ?? p.text.split('\n')[0] ?? '').slice(0, 26) },
        button_list: buttons.slice(i, i + BUTTONS_PER_CARD).map((b) => ({ text: b.label.slice(0, 10), style: 1, key: b.value })),
        task_id: taskIdOf(key, i / BUTTONS_PER_CARD),
      },
    });
  }
  return cards;
}

/**
 * How WeCom's refusals map onto the outbox's choices. Frequency limits wait a minute; a chat the
 * robot is not in, or a user outside its visible range, cannot be reached by retrying; a
 * connection that is down or an ack that timed out is retried.
 */
export function toWecomError(err: unknown): PlatformError {
  if (err instanceof PlatformError) return err;
  const f = err instanceof WecomFrameError ? err : new WecomFrameError(null, err instanceof Error ? err.message : String(err));
  const code = f.errcode;
  const message = `wecom${code === null ? '' : ` errcode ${code}`}: ${f.message}`;
  if (code === null) return new PlatformError('wecom', message, { retryAfterMs: 5_000 });
  if (code === 45009 || code === 45033 || code === 45047) return new PlatformError('wecom', message, { retryAfterMs: 60_000, status: 429 });
  if (code === -1) return new PlatformError('wecom', message, { retryAfterMs: 5_000 });
  // 40xxx: a request WeCom will never accept as it is; 60xxx/86xxx/93xxx: no permission, not a member, chat gone.
  const unreachable = code >= 60_000;
  return new PlatformError('wecom', message, { retryable: false, status: unreachable ? 403 : 400 });
}

/**
 * Sends outbox rows over the smart robot's long connection: markdown text (in parts when long),
 * then a chart image or a file, then the buttons as template cards. A failure after some parts
 * went out says how many, so the retry starts after them.
 */
export function createWecomSender(deps: WecomSenderDeps): PlatformSender {
  async function mediaOf(p: StoredPayload): Promise<{ type: 'image' | 'file'; bytes: Buffer; name: string } | null> {
    if (p.attachment) return { type: 'file', bytes: Buffer.from(p.attachment.dataBase64, 'base64'), name: p.attachment.fileName };
    if (p.chart && deps.renderChart) {
      try {
        return { type: 'image', bytes: Buffer.from(await deps.renderChart(p.chart)), name: 'chart.png' };
      } catch (err) {
        // The text carries the same numbers; a chart that cannot be drawn should not hold it back.
        deps.logger.warn('chart not drawn, sending text only', { error: err instanceof Error ? err.message : String(err) });
      }
    }
    return null;
  }

  async function send(envelope: Envelope): Promise<{ messageId: string | null }> {
    const link = deps.link();
    if (!link) throw new PlatformError('wecom', 'wecom: the long connection is not open yet', { retryAfterMs: 5_000 });
    const p = envelope.payload;
    // WeCom addresses a group by its chatid and a person by their userid.
    const chatId = privateUserOf(envelope.to.chatId) ?? envelope.to.chatId;
    const steps: (() => Promise<void>)[] = splitByBytes(markdownOf(p)).map((content) => () => link.send(chatId, { msgtype: 'markdown', markdown: { content } }));
    const media = await mediaOf(p);
    if (media) {
      steps.push(async () => {
        const mediaId = await link.upload(media.bytes, media.type, media.name);
        await link.send(chatId, { msgtype: media.type, [media.type]: { media_id: mediaId } });
      });
    }
    for (const card of cardsOf(p, envelope.key)) {
      steps.push(async () => {
        await link.send(chatId, card);
        const t = card.template_card as RememberedCard & { task_id: string };
        deps.cards?.remember(t.task_id, { main_title: t.main_title, button_list: t.button_list });
      });
    }
    let sent = envelope.partsSent ?? 0;
    try {
      for (const [i, step] of steps.entries()) {
        if (i < sent) continue;
        await step();
        sent = i + 1;
      }
    } catch (err) {
      const failure = toWecomError(err);
      throw sent > 0 ? failure.withPartsSent(sent) : failure;
    }
    // The proactive-send ack carries no message id: WeCom cannot edit these messages later.
    return { messageId: null };
  }

  return { platform: 'wecom', pacing: WECOM_PACING, send };
}
