import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processedEvents } from '../../src/db/schema/index.js';
import { buildWorker, startWorker, type BuiltWorker, type RunningWorker } from '../worker/harness.js';
import { startFakeDingTalk, type FakeDingTalk } from './fake-open-api.js';
import { CLIENT_ID, CLIENT_SECRET, groupText, signedRequest } from './support.js';

describe('the Worker with DingTalk (webhook only) in workerd', () => {
  let built: BuiltWorker;
  let worker: RunningWorker;
  let fake: FakeDingTalk;

  beforeAll(async () => {
    built = await buildWorker();
    fake = await startFakeDingTalk();
    // DINGTALK_MODE is left unset: on Workers that means webhook.
    worker = await startWorker(built, { DINGTALK_CLIENT_ID: CLIENT_ID, DINGTALK_CLIENT_SECRET: CLIENT_SECRET, DINGTALK_API_ROOT: fake.url });
  }, 180_000);

  afterAll(async () => {
    await worker?.dispose();
    await fake?.close();
    await built?.remove();
  });

  it('answers a signed 「@归乡 帮助」 at the OpenAPI, once, and refuses a forged one', async () => {
    const message = groupText('msgWorker1', '帮助');
    message.conversationId = 'cidWorkerGroup==';
    // workerd checks the signature against its own clock, so it is signed now.
    const started = Date.now();
    const res = await worker.mf.dispatchFetch(new URL('/webhook/dingtalk', worker.url), signedRequest(message, started) as never);
    expect(res.status).toBe(200);
    while (fake.sends().length === 0 && Date.now() - started < 5_000) await new Promise((r) => setTimeout(r, 10));
    expect(Date.now() - started).toBeLessThan(1_000);
    const [reply] = fake.sends();
    expect(reply).toMatchObject({ route: 'group', token: 'at-1', body: { openConversationId: 'cidWorkerGroup==', msgKey: 'sampleText' } });
    expect(String((reply?.body.msgParam as { content?: string } | undefined)?.content).split('\n')[0]).toBe('归乡 · 干部规划家乡行动助手');

    const again = await worker.mf.dispatchFetch(new URL('/webhook/dingtalk', worker.url), signedRequest(message, Date.now()) as never);
    expect(again.status).toBe(200);
    const forged = await worker.mf.dispatchFetch(new URL('/webhook/dingtalk', worker.url), signedRequest(groupText('msgWorker2', '帮助'), Date.now(), { secret: 'guessed' }) as never);
    expect(forged.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.sends()).toHaveLength(1);
    expect((await worker.store.db.select({ id: processedEvents.eventId }).from(processedEvents)).map((r) => r.id)).toEqual(['msgWorker1']);
  }, 30_000);

  it('keeps the stream SDK out of the Worker bundle', async () => {
    const meta = JSON.parse(await readFile(built.metafile, 'utf8')) as { inputs: Record<string, unknown> };
    expect(Object.keys(meta.inputs).filter((f) => f.includes('dingtalk-stream') || f.endsWith('platforms/dingtalk/stream.ts'))).toEqual([]);
    expect(Object.keys(meta.inputs).some((f) => f.endsWith('platforms/dingtalk/webhook.ts'))).toBe(true);
  });
});
