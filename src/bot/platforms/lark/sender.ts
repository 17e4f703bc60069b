import { createHash } from 'node:crypto';
import type { ReadStream } from 'node:fs';
import { PassThrough } from 'node:stream';
import type { StoredPayload } from '../../../db/repo/outbox.js';
import type { FileAttachment } from '../../../domain/types.js';
import type { Envelope, Logger, PlatformSender } from '../../engine/ports.js';
import { needsCard, renderCard, renderText } from './card.js';
import type { LarkClient } from './client.js';
import { CHAT_BACKOFF_MS, failureOf, isChatGone, isPermanent, isTokenExpired, LARK_CODES, LarkApiError, toPlatformError, type LarkFailure } from './errors.js';
import type { Pacer } from './pacer.js';

/** Feishu keeps a message uuid for an hour and refuses ones longer than 50 characters. */
const MAX_UUID = 50;

/**
 * The uuid Feishu dedupes on. Outbox keys are stable, so a retried row can never post twice;
 * keys too long (or not plain ASCII) become a stable hash of themselves.
 */
export function messageUuid(key: string): string {
  if (key.length <= MAX_UUID && /^[\x21-\x7e]+$/u.test(key)) return key;
  return `h-${createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 40)}`;
}

/** open_id (ou_) and union_id (on_) address one person privately; anything else is a chat id. */
export function receiveIdType(id: string): 'open_id' | 'union_id' | 'chat_id' {
  if (id.startsWith('ou_')) return 'open_id';
  if (id.startsWith('on_')) return 'union_id';
  return 'chat_id';
}

/** Feishu's file_type for an upload; anything it has no name for goes as a plain stream. */
export function fileTypeOf(file: FileAttachment): 'pdf' | 'doc' | 'xls' | 'ppt' | 'stream' {
  const ext = file.fileName.toLowerCase().split('.').pop() ?? '';
  if (ext === 'pdf' || file.mime === 'application/pdf') return 'pdf';
  if (ext === 'doc' || ext === 'docx') return 'doc';
  if (ext === 'xls' || ext === 'xlsx' || ext === 'csv') return 'xls';
  if (ext === 'ppt' || ext === 'pptx') return 'ppt';
  return 'stream';
}

/**
 * The upload's bytes as a stream carrying a path: the SDK's multipart encoder names the part
 * after `path`, and Feishu takes only a part with a file name as the file. Made anew per attempt.
 */
function fileStream(file: FileAttachment): ReadStream {
  const stream = new PassThrough();
  stream.end(Buffer.from(file.dataBase64, 'base64'));
  // The SDK's type names fs.ReadStream; what the encoder uses of it is a readable with a path.
  return Object.assign(stream, { path: file.fileName }) as unknown as ReadStream;
}

interface ApiAnswer {
  code?: number;
  msg?: string;
  data?: { message_id?: string; file_key?: string };
}

class Failed extends Error {
  constructor(
    readonly action: string,
    readonly failure: LarkFailure,
  ) {
    super(action);
  }
}

export interface LarkSenderDeps {
  lark: LarkClient;
  pacer: Pacer;
  logger: Logger;
}

export function createLarkSender(deps: LarkSenderDeps): PlatformSender {
  const { client } = deps.lark;

  /** One Open API call, paced per chat; an expired token is refreshed and the call tried once more. */
  async function call(action: string, chatId: string, run: () => Promise<unknown>): Promise<ApiAnswer> {
    for (let attempt = 1; ; attempt++) {
      await deps.pacer.wait(chatId);
      let failure: LarkFailure;
      try {
        const answer = ((await run()) ?? {}) as ApiAnswer;
        if (typeof answer.code !== 'number' || answer.code === 0) return answer;
        failure = failureOf(new LarkApiError(answer.code, answer.msg ?? ''));
      } catch (err) {
        failure = failureOf(err);
      }
      if (isTokenExpired(failure) && attempt === 1) {
        deps.lark.resetToken();
        continue;
      }
      if (failure.code === LARK_CODES.chatRateLimited) deps.pacer.penalize(chatId, CHAT_BACKOFF_MS);
      throw new Failed(action, failure);
    }
  }

  /** Reply to the quoted message when there is one (in its thread), else post to the chat. */
  async function post(env: Envelope, msgType: string, content: string, uuid: string): Promise<string | null> {
    const { chatId, threadId } = env.to;
    const replyTo = env.payload.replyTo;
    if (replyTo) {
      try {
        const answer = await call('reply', chatId, () =>
          client.im.v1.message.reply({
            path: { message_id: replyTo },
            data: { msg_type: msgType, content, uuid, ...(threadId ? { reply_in_thread: true } : {}) },
          }),
        );
        return answer.data?.message_id ?? null;
      } catch (err) {
        // The quoted message was recalled: the answer still belongs in the chat.
        const code = err instanceof Failed ? err.failure.code : null;
        if (code !== LARK_CODES.messageRecalled && code !== LARK_CODES.messageNotFound) throw err;
      }
    }
    const answer = await call('create', chatId, () =>
      client.im.v1.message.create({
        params: { receive_id_type: receiveIdType(chatId) },
        data: { receive_id: chatId, msg_type: msgType, content, uuid },
      }),
    );
    return answer.data?.message_id ?? null;
  }

  /** The words (card or text); a card Feishu refuses goes again as plain text. */
  async function postMain(env: Envelope, p: StoredPayload): Promise<string | null> {
    // A text sent after a refused card gets a uuid of its own: Feishu may have kept the card's.
    const text = (uuidKey: string) => post(env, 'text', JSON.stringify({ text: renderText(p) }), messageUuid(uuidKey));
    if (!needsCard(p)) return text(env.key);
    try {
      return await post(env, 'interactive', JSON.stringify(renderCard(p)), messageUuid(env.key));
    } catch (err) {
      if (!(err instanceof Failed) || !isPermanent(err.failure) || isChatGone(err.failure)) throw err;
      deps.logger.warn('lark card refused, sending text', { key: env.key, code: err.failure.code });
      return text(`${env.key}#text`);
    }
  }

  async function postFile(env: Envelope, file: FileAttachment): Promise<string | null> {
    const uploaded = await call('upload', env.to.chatId, async () => {
      const data = await client.im.v1.file.create({
        data: { file_type: fileTypeOf(file), file_name: file.fileName, file: fileStream(file) },
      });
      // The SDK hands back only `data`; a missing key means Feishu answered with an error code.
      return data?.file_key ? { code: 0, data } : { code: -1, msg: 'upload returned no file_key' };
    });
    const content = JSON.stringify({ file_key: uploaded.data?.file_key });
    return post(env, 'file', content, messageUuid(`${env.key}#file`));
  }

  async function deliver(env: Envelope): Promise<{ messageId: string | null }> {
    const p = env.payload;
    let messageId: string | null = null;
    if (p.text.trim() || needsCard(p) || p.mentions?.length) messageId = await postMain(env, p);
    if (p.attachment) {
      const fileId = await postFile(env, p.attachment);
      messageId ??= fileId;
    }
    return { messageId };
  }

  function mapped<T>(work: () => Promise<T>): Promise<T> {
    return work().catch((err: unknown) => {
      if (err instanceof Failed) throw toPlatformError(err.action, err.failure);
      throw err;
    });
  }

  return {
    platform: 'lark',
    send: (env) => mapped(() => deliver(env)),
    /** Patches the earlier card in place; one that can no longer be patched gets a new message. */
    edit: (env, messageId) =>
      mapped(async () => {
        try {
          await call('patch', env.to.chatId, () =>
            client.im.v1.message.patch({ path: { message_id: messageId }, data: { content: JSON.stringify(renderCard(env.payload)) } }),
          );
          return { messageId };
        } catch (err) {
          if (!(err instanceof Failed) || !isPermanent(err.failure) || isChatGone(err.failure)) throw err;
          deps.logger.warn('lark patch refused, sending anew', { key: env.key, code: err.failure.code });
          return deliver(env);
        }
      }),
  };
}
