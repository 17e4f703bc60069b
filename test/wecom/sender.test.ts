import { describe, expect, it } from 'vitest';
import { WecomFrameError, type WecomLink } from '../../src/bot/platforms/wecom/connection.js';
import { createWecomSender, MARKDOWN_BYTES, splitByBytes, toWecomError } from '../../src/bot/platforms/wecom/sender.js';
import { silentLogger } from '../../src/bot/engine/ports.js';
import { PlatformError } from '../../src/domain/errors.js';

function fakeLink(failAt: number | null = null, code = 45009) {
  const calls: { chatId: string; body: Record<string, unknown> }[] = [];
  const uploads: { type: string; name: string; size: number }[] = [];
  let n = 0;
  const link: WecomLink = {
    async send(chatId, body) {
      if (failAt !== null && n++ === failAt) throw new WecomFrameError(code, 'refused');
      calls.push({ chatId, body });
    },
    async upload(bytes, type, fileName) {
      uploads.push({ type, name: fileName, size: bytes.length });
      return 'media-1';
    },
  };
  return { link, calls, uploads };
}

const envelope = (payload: Record<string, unknown>, partsSent = 0) => ({ key: 'reply:ev-1:0', to: { platform: 'wecom' as never, chatId: 'u:zhangweidong', threadId: null }, payload: payload as never, attempt: 1, partsSent });

describe('WeCom sender (long connection)', () => {
  it('sends a file after its text, uploaded as temporary media, to the person by userid', async () => {
    const { link, calls, uploads } = fakeLink();
    const sender = createWecomSender({ link: () => link, logger: silentLogger });
    await sender.send(envelope({ text: '台账见附件', attachment: { fileName: '台账.xlsx', mime: 'application/vnd.ms-excel', dataBase64: Buffer.from('xlsx-bytes').toString('base64') } }));
    expect(uploads).toEqual([{ type: 'file', name: '台账.xlsx', size: 10 }]);
    expect(calls).toEqual([
      { chatId: 'zhangweidong', body: { msgtype: 'markdown', markdown: { content: '台账见附件' } } },
      { chatId: 'zhangweidong', body: { msgtype: 'file', file: { media_id: 'media-1' } } },
    ]);
  });

  it('splits a long text under the markdown limit and resumes after the parts already out', async () => {
    const text = Array.from({ length: 400 }, (_, i) => `第${i + 1}行：村口道路需要硬化`).join('\n');
    const parts = splitByBytes(text);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.every((p) => Buffer.byteLength(p) <= MARKDOWN_BYTES)).toBe(true);
    expect(parts.join('\n')).toBe(text);
    const first = fakeLink(1);
    const sender = createWecomSender({ link: () => first.link, logger: silentLogger });
    const err = (await sender.send(envelope({ text })).catch((e: unknown) => e)) as PlatformError;
    expect(err).toBeInstanceOf(PlatformError);
    expect(err.partsSent).toBe(1);
    expect(err.retryAfterMs).toBe(60_000);
    const second = fakeLink();
    await createWecomSender({ link: () => second.link, logger: silentLogger }).send(envelope({ text }, 1));
    expect([...first.calls, ...second.calls].map((c) => (c.body.markdown as { content: string }).content)).toEqual(parts);
  });

  it('waits for the connection instead of failing a message, and maps refusals', async () => {
    const sender = createWecomSender({ link: () => null, logger: silentLogger });
    await expect(sender.send(envelope({ text: '你好' }))).rejects.toMatchObject({ retryable: true, retryAfterMs: 5_000 });
    expect(toWecomError(new WecomFrameError(null, 'ack timeout'))).toMatchObject({ retryable: true });
    expect(toWecomError(new WecomFrameError(40008, 'invalid message type'))).toMatchObject({ retryable: false, status: 400 });
    expect(toWecomError(new WecomFrameError(86008, 'not in chat'))).toMatchObject({ retryable: false, status: 403 });
  });
});
