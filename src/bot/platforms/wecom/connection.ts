import type { Logger } from '../../engine/ports.js';
import type { WecomPush } from './parse.js';

/** What the sender needs of the long connection: a proactive send and a media upload. */
export interface WecomLink {
  /** `aibot_send_msg`: chatid is a group's chatid or a user's userid. Resolves on errcode 0. */
  send(chatId: string, body: Record<string, unknown>): Promise<void>;
  /** Chunked temporary-media upload over the connection; resolves with the media_id. */
  upload(bytes: Buffer, type: 'image' | 'file', fileName: string): Promise<string>;
}

/** A frame WeCom refused, with its errcode (the SDK rejects with the ack frame). */
export class WecomFrameError extends Error {
  constructor(
    readonly errcode: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'WecomFrameError';
  }
}

function asFrameError(err: unknown): WecomFrameError {
  if (err instanceof WecomFrameError) return err;
  if (err && typeof err === 'object' && 'errcode' in err) {
    const f = err as { errcode?: unknown; errmsg?: unknown };
    return new WecomFrameError(typeof f.errcode === 'number' ? f.errcode : null, String(f.errmsg ?? 'refused'));
  }
  return new WecomFrameError(null, err instanceof Error ? err.message : String(err));
}

export interface WecomConnectionOptions {
  botId: string;
  secret: string;
  wsUrl: string;
  logger: Logger;
  /** Every message or card-click push; the connection waits for it before taking the next. */
  onPush(push: WecomPush, answer: PushAnswer): Promise<void>;
}

/** Answers to one push that only its own frame can carry. */
export interface PushAnswer {
  /** Replaces the clicked card (a template_card_event's frame, within 5 seconds of the click). */
  updateCard(card: Record<string, unknown>): Promise<void>;
}

export interface WecomConnection {
  link: WecomLink;
  /** Resolves once the first subscription is acknowledged (the bot id and secret were accepted). */
  ready: Promise<void>;
  stop(): void;
}

/**
 * The smart robot's long connection through WeCom's official SDK (`@wecom/aibot-node-sdk`),
 * loaded only here, so a deployment without WeCom never loads it. The SDK subscribes, keeps the
 * 30-second heartbeat and reconnects with back-off (1 s doubling to 30 s; without limit here:
 * a server in a county office outlives any number of network cuts).
 */
export async function openWecomConnection(opts: WecomConnectionOptions): Promise<WecomConnection> {
  // Named through a variable so bundlers leave it out: the Worker never opens a long connection,
  // and the Node build loads the SDK from node_modules only when WeCom's long connection is on.
  const sdk: string = '@wecom/aibot-node-sdk';
  const { WSClient } = (await import(sdk)) as typeof import('@wecom/aibot-node-sdk');
  const log = opts.logger;
  const client = new WSClient({
    botId: opts.botId,
    secret: opts.secret,
    wsUrl: opts.wsUrl,
    maxReconnectAttempts: -1,
    // The SDK's debug lines carry message bodies; only its warnings and errors reach our log.
    logger: {
      debug() {},
      info() {},
      warn: (m: string) => log.warn('wecom connection', { detail: String(m).slice(0, 200) }),
      error: (m: string) => log.error('wecom connection', { detail: String(m).slice(0, 200) }),
    },
  });
  // One push at a time, in order: the pipeline decides each in turn, as webhooks are.
  let queue: Promise<void> = Promise.resolve();
  const take = (frame: { body?: unknown; headers?: { req_id?: string } }) => {
    const push = (frame.body ?? {}) as WecomPush;
    const answer: PushAnswer = {
      async updateCard(card) {
        try {
          await client.updateTemplateCard(frame as never, card as never);
        } catch (err) {
          throw asFrameError(err);
        }
      },
    };
    queue = queue.then(() => opts.onPush(push, answer)).catch((err: unknown) => log.error('wecom push failed', { error: String(err) }));
  };
  client.on('message', take);
  client.on('event.template_card_event', take);
  const ready = new Promise<void>((resolve) => client.once('authenticated', () => resolve()));
  client.on('error', (err: Error) => log.error('wecom connection error', { error: err.message }));
  client.connect();
  const link: WecomLink = {
    async send(chatId, body) {
      try {
        await client.sendMessage(chatId, body as never);
      } catch (err) {
        throw asFrameError(err);
      }
    },
    async upload(bytes, type, fileName) {
      try {
        return (await client.uploadMedia(bytes, { type, filename: fileName })).media_id;
      } catch (err) {
        throw asFrameError(err);
      }
    },
  };
  return { link, ready, stop: () => client.disconnect() };
}
