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
    worker = await startWorker(built, { DINGTALK_CLIENT_ID: CLIENT_ID, DINGTALK_CLIENT_SECRET: CLIENT_SECRET, DINGTALK_API_ROOT: fake.url, DASHBOARD_SECRET: 'dingtalk-worker-dashboard-secret' });
  }, 180_000);

  afterAll(async () => {
    await worker?.dispose();
    await fake?.close();
    await built?.remove();
  });

  it('answers a signed 「@归乡 帮助」 at the OpenAPI, once, and refuses a forged one', async () => {
    // workerd checks the signature against its own clock, so requests are signed now.
    const deliver = (m: unknown) => worker.mf.dispatchFetch(new URL('/webhook/dingtalk', worker.url), signedRequest(m, Date.now()) as never);
    // A first message starts the isolate, compiles the bundle and opens D1, as earlier traffic
    // would have; it is answered too, but what is timed is the next one.
    const first = groupText('msgWorker0', '帮助');
    first.conversationId = 'cidWorkerWarm==';
    expect((await deliver(first)).status).toBe(200);
    while (fake.sends().length === 0) await new Promise((r) => setTimeout(r, 10));
    fake.reset();

    const message = groupText('msgWorker1', '帮助');
    message.conversationId = 'cidWorkerGroup==';
    const started = Date.now();
    const res = await deliver(message);
    expect(res.status).toBe(200);
    while (fake.sends().length === 0 && Date.now() - started < 5_000) await new Promise((r) => setTimeout(r, 10));
    expect(Date.now() - started).toBeLessThan(1_000);
    const [reply] = fake.sends();
    expect(reply).toMatchObject({ route: 'group', body: { openConversationId: 'cidWorkerGroup==', msgKey: 'sampleText' } });
    expect(String((reply?.body.msgParam as { content?: string } | undefined)?.content).split('\n')[0]).toBe('归乡 · 干部规划家乡行动助手');

    const again = await deliver(message);
    expect(again.status).toBe(200);
    const forged = await worker.mf.dispatchFetch(new URL('/webhook/dingtalk', worker.url), signedRequest(groupText('msgWorker2', '帮助'), Date.now(), { secret: 'guessed' }) as never);
    expect(forged.status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(fake.sends()).toHaveLength(1);
    expect((await worker.store.db.select({ id: processedEvents.eventId }).from(processedEvents)).map((r) => r.id).sort()).toEqual(['msgWorker0', 'msgWorker1']);
  }, 30_000);

  it('keeps the stream SDK out of the Worker bundle', async () => {
    const meta = JSON.parse(await readFile(built.metafile, 'utf8')) as { inputs: Record<string, unknown> };
    expect(Object.keys(meta.inputs).filter((f) => f.includes('node_modules/dingtalk-stream'))).toEqual([]);
    expect(Object.keys(meta.inputs).some((f) => f.endsWith('platforms/dingtalk/stream-unavailable.ts'))).toBe(true);
    expect(Object.keys(meta.inputs).some((f) => f.endsWith('platforms/dingtalk/webhook.ts'))).toBe(true);
  });
});
