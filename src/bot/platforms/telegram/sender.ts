import { GrammyError, InputFile, type Api } from 'grammy';
import type { InlineKeyboardMarkup, Message } from 'grammy/types';
import type { StoredPayload } from '../../../db/repo/outbox.js';
import { PlatformError } from '../../../domain/errors.js';
import type { Button, ChartSpec } from '../../../domain/types.js';
import type { Envelope, Logger, PlatformSender } from '../../engine/ports.js';
import { badRequestSays, toPlatformError } from './errors.js';
import { CAPTION_LIMIT, renderParts } from './html.js';

/** Telegram refuses callback_data longer than this many bytes (UTF-8). */
export const CALLBACK_DATA_BYTES = 64;
/** Retries of a later part of a long message that hit 429, waited out in place. */
const PART_RETRIES = 3;
const MAX_INLINE_WAIT_MS = 60_000;

export interface TelegramSenderDeps {
  api: Api;
  logger: Logger;
  /** Draws a chart as PNG. Without it a chart message goes out as its text alone. */
  renderChart?: (spec: ChartSpec) => Promise<Uint8Array>;
  /** How to wait out a 429 between parts of one long message; tests pass an instant one. */
  sleep?: (ms: number) => Promise<void>;
}

type Sent = Pick<Message, 'message_id'>;

/**
 * Sends outbox rows to Telegram: HTML with everything escaped, long texts in parts, buttons as an
 * inline keyboard, files and charts as uploads. Failures become PlatformError for the dispatcher
 * (429 → retry-after, 400 with migrate_to_chat_id → migration, 403 → unreachable).
 */
export function createTelegramSender(deps: TelegramSenderDeps): PlatformSender {
  const { api } = deps;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  async function send(envelope: Envelope): Promise<{ messageId: string | null }> {
    const p = envelope.payload;
    const chatId = envelope.to.chatId;
    const where = envelope.to.threadId ? { message_thread_id: Number(envelope.to.threadId) } : {};
    const markup = keyboardOf(p.buttons);
    const quote = p.replyTo ? { reply_parameters: { message_id: Number(p.replyTo), allow_sending_without_reply: true } } : {};
    const upload = await uploadOf(p);
    // Parts delivered by earlier attempts are skipped; the count goes back with a failure.
    const progress = { sent: envelope.partsSent ?? 0 };
    try {
      if (upload) {
        const caption = renderParts(p, CAPTION_LIMIT);
        const sendFile = (extra: object) =>
          upload.kind === 'photo' ? api.sendPhoto(chatId, upload.file, { ...where, ...extra }) : api.sendDocument(chatId, upload.file, { ...where, ...extra });
        if (caption.length === 1) {
          const sent = await sendFile({ caption: caption[0], parse_mode: 'HTML', ...quote, ...(markup ? { reply_markup: markup } : {}) });
          return { messageId: String(sent.message_id) };
        }
        // Too long for a caption: the file first (part 0), then the text in parts under it.
        if (progress.sent === 0) {
          await sendFile(quote);
          progress.sent = 1;
        }
        const last = await sendParts(chatId, renderParts(p), 1, progress, where, {}, markup);
        return { messageId: last ? String(last.message_id) : null };
      }
      const last = await sendParts(chatId, renderParts(p), 0, progress, where, quote, markup);
      return { messageId: last ? String(last.message_id) : null };
    } catch (err) {
      const failure = toPlatformError(err);
      throw progress.sent > 0 ? failure.withPartsSent(progress.sent) : failure;
    }
  }

  /**
   * Parts go in order; the quote rides on the first, the keyboard on the last. `first` is the
   * number of the first text part among the message's parts (1 after a file); parts up to
   * `progress.sent` went out on an earlier attempt and are skipped, each one sent now is counted.
   */
  async function sendParts(
    chatId: string,
    parts: string[],
    first: number,
    progress: { sent: number },
    where: object,
    quote: object,
    markup: InlineKeyboardMarkup | undefined,
  ): Promise<Sent | null> {
    let last: Sent | null = null;
    for (const [i, html] of parts.entries()) {
      if (first + i < progress.sent) continue;
      const extra = {
        ...where,
        parse_mode: 'HTML' as const,
        link_preview_options: { is_disabled: true },
        ...(i === 0 ? quote : {}),
        ...(i === parts.length - 1 && markup ? { reply_markup: markup } : {}),
      };
      const call = () => api.sendMessage(chatId, html, extra);
      // Nothing is out yet on the very first part: a 429 there goes back to the outbox.
      last = progress.sent === 0 ? await call() : await withPatience(call);
      progress.sent = first + i + 1;
    }
    // Null only if every part had gone out on earlier attempts: nothing is sent again.
    return last;
  }

  /**
   * Once part of a message is out, retrying the whole row would repeat that part; so a later part
   * that meets 429 waits in place. Other failures still go to the outbox's retry.
   */
  async function withPatience(call: () => Promise<Sent>): Promise<Sent> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await call();
      } catch (err) {
        const wait = err instanceof GrammyError && err.error_code === 429 ? (err.parameters?.retry_after ?? 1) * 1000 : null;
        if (wait === null || attempt > PART_RETRIES || wait > MAX_INLINE_WAIT_MS) throw err;
        await sleep(wait);
      }
    }
  }

  async function uploadOf(p: StoredPayload): Promise<{ kind: 'photo' | 'document'; file: InputFile } | null> {
    if (p.attachment) return { kind: 'document', file: new InputFile(bytesOf(p.attachment.dataBase64), p.attachment.fileName) };
    if (p.chart && deps.renderChart) {
      try {
        return { kind: 'photo', file: new InputFile(await deps.renderChart(p.chart), 'chart.png') };
      } catch (err) {
        // The text carries the same numbers; a chart that cannot be drawn should not hold it back.
        deps.logger.warn('chart not drawn, sending text only', { error: err instanceof Error ? err.message : String(err) });
      }
    }
    return null;
  }

  async function edit(envelope: Envelope, messageId: string): Promise<{ messageId: string | null }> {
    const p = envelope.payload;
    const parts = renderParts(p);
    // A file, a chart or a text grown past one message cannot replace a text in place.
    if (p.attachment || p.chart || parts.length > 1) return send(envelope);
    const markup = keyboardOf(p.buttons);
    try {
      await api.editMessageText(envelope.to.chatId, Number(messageId), parts[0]!, {
        parse_mode: 'HTML',
        link_preview_options: { is_disabled: true },
        // Without reply_markup Telegram drops the keyboard; the updated card keeps its buttons.
        ...(markup ? { reply_markup: markup } : {}),
      });
      return { messageId };
    } catch (err) {
      if (badRequestSays(err, /message is not modified/iu)) return { messageId };
      if (badRequestSays(err, /message to edit not found|message can't be edited|no text in the message/iu)) return send(envelope);
      throw toPlatformError(err);
    }
  }

  return { platform: 'telegram', send, edit };
}

export function keyboardOf(buttons: Button[][] | undefined): InlineKeyboardMarkup | undefined {
  if (!buttons?.length) return undefined;
  const encoder = new TextEncoder();
  for (const b of buttons.flat()) {
    if (encoder.encode(b.value).length > CALLBACK_DATA_BYTES) {
      throw new PlatformError('telegram', `button value over ${CALLBACK_DATA_BYTES} bytes: ${b.value.slice(0, 80)}`, { retryable: false });
    }
  }
  return { inline_keyboard: buttons.map((row) => row.map((b) => ({ text: b.label, callback_data: b.value }))) };
}

/** Base64 to bytes without Node's Buffer, so the adapter also runs on Workers. */
function bytesOf(base64: string): Uint8Array {
  const binary = atob(base64);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}
