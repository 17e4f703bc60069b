import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chats, outbox, records } from '../../src/db/schema/index.js';
import { seedDemo } from '../../src/db/seed/demo.js';
import { encryptEvent, eventSignature } from '../../src/bot/platforms/lark/crypto.js';
import { startFakeLark, startFakeTelegram } from './fake-apis.js';
import { buildWorker, startWorker, type BuiltWorker, type RunningWorker } from './harness.js';
import { startFakeWecomApi } from '../wecom/fake-api.js';
import { AES_KEY as WECOM_AES_KEY, signedPush, textPush, TOKEN as WECOM_TOKEN } from '../wecom/support.js';

const TG_TOKEN = '123456:worker-e2e-token';
const TG_SECRET = 'worker-e2e-secret';
const TG_ADMIN = 1001;
const TG_GROUP = -1001234567;

const LARK_APP = 'cli_worker_e2e';
const LARK_TOKEN = 'worker-e2e-verification';
const LARK_KEY = 'worker-e2e-encrypt-key';
const LARK_BOT = 'ou_bot_e2e';
const LARK_ADMIN = 'ou_admin_e2e';
const LARK_GROUP = 'oc_worker_e2e_group';

/** A Feishu im.message.receive_v1 delivery as Feishu sends it with an encrypt key: encrypted and signed. */
function larkDelivery(eventId: string, text: string, nowMs = Date.now()) {
  const event = {
    schema: '2.0',
    header: { event_id: eventId, token: LARK_TOKEN, create_time: String(nowMs), event_type: 'im.message.receive_v1', tenant_key: 'tk_e2e', app_id: LARK_APP },
    event: {
      sender: { sender_id: { open_id: LARK_ADMIN, union_id: 'on_admin_e2e', user_id: 'admin_e2e' }, sender_type: 'user', tenant_key: 'tk_e2e' },
      message: {
        message_id: `om_${eventId}`,
        create_time: String(nowMs),
        chat_id: LARK_GROUP,
        chat_type: 'group',
        message_type: 'text',
        content: JSON.stringify({ text: `@_user_1 ${text}` }),
        mentions: [{ key: '@_user_1', id: { open_id: LARK_BOT, union_id: 'on_bot_e2e', user_id: '' }, name: '归乡', tenant_key: 'tk_e2e' }],
      },
    },
  };
  const body = JSON.stringify({ encrypt: encryptEvent(LARK_KEY, JSON.stringify(event)) });
  const timestamp = String(Math.floor(nowMs / 1000));
  const nonce = `n-${eventId}`;
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': eventSignature(timestamp, nonce, LARK_KEY, body),
    },
  };
}

/**
 * The cron's clock. Tomorrow in Beijing is always in the future for the meeting the console
 * schedules (the webhook side runs at the real time), and 22:xx is quiet hours on any weekday,
 * so what the tick sends does not depend on the hour the test runs.
 */
const TOMORROW = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + 86_400_000));
function cronAt(hhmm: string): Date {
  return new Date(`${TOMORROW}T${hhmm}:00+08:00`);
}

let updateId = 5000;
function tgMessage(chat: { id: number; type: 'private' | 'supergroup'; title?: string }, from: { id: number; first_name: string }, text: string) {
  const entities = text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] : undefined;
  return {
    update_id: ++updateId,
    message: { message_id: updateId, date: 1796083200, chat, from: { ...from, is_bot: false }, text, ...(entities ? { entities } : {}) },
  };
}

// One build for the file: it is what `npm run build:worker` produces, plus a migrated local D1.
let built: BuiltWorker;
beforeAll(async () => {
  built = await buildWorker();
}, 120_000);
afterAll(async () => {
  await built?.remove();
});

describe('the Worker bundle in workerd with a local D1', () => {
  let worker: RunningWorker;
  let telegram: Awaited<ReturnType<typeof startFakeTelegram>>;
  let larkApi: Awaited<ReturnType<typeof startFakeLark>>;
  let wecomApi: Awaited<ReturnType<typeof startFakeWecomApi>>;

  async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
    return worker.mf.dispatchFetch(new URL(path, worker.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }
  const toTelegram = (update: unknown, secret = TG_SECRET) => post('/webhook/telegram', update, { 'X-Telegram-Bot-Api-Secret-Token': secret });

  beforeAll(async () => {
    telegram = await startFakeTelegram(TG_TOKEN);
    larkApi = await startFakeLark(LARK_BOT);
    wecomApi = await startFakeWecomApi();
    worker = await startWorker(built, {
      WECOM_MODE: 'webhook',
      WECOM_TOKEN,
      WECOM_ENCODING_AES_KEY: WECOM_AES_KEY,
      WECOM_API_ROOT: wecomApi.url,
      DEV_CONSOLE: '1',
      ADMINS: `telegram:${TG_ADMIN},lark:${LARK_ADMIN}`,
      TELEGRAM_BOT_TOKEN: TG_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
      TELEGRAM_API_ROOT: telegram.url,
      TELEGRAM_BOT_INFO: JSON.stringify({ id: 123456, is_bot: true, first_name: '归乡', username: 'guixiang_e2e_bot' }),
      LARK_APP_ID: LARK_APP,
      LARK_APP_SECRET: 'worker-e2e-app-secret',
      LARK_VERIFICATION_TOKEN: LARK_TOKEN,
      LARK_ENCRYPT_KEY: LARK_KEY,
      LARK_DOMAIN: larkApi.url,
      DASHBOARD_SECRET: 'worker-e2e-dashboard-secret',
    });
    await seedDemo(worker.store);
  }, 120_000);

  afterAll(async () => {
    await worker?.dispose();
    await telegram?.close();
    await larkApi?.close();
    await wecomApi?.close();
  });

  it('applies every drizzle migration with wrangler d1 migrations apply', async () => {
    const files = (await readdir(new URL('../../drizzle', import.meta.url))).filter((f) => f.endsWith('.sql'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(built.migrationLog).toContain(f);
  });

  it('answers /healthz from D1', async () => {
    const res = await worker.mf.dispatchFetch(new URL('/healthz', worker.url));
    expect(res.status).toBe(200);
    // toMatchObject: a `calendar` warning joins these while the holiday data lacks next year.
    expect(await res.json()).toMatchObject({ ok: true, mode: 'platform', platforms: ['telegram', 'lark', 'wecom'], outbox: { pending: 0, sent: 0, dead: 0 } });
  });

  it('records a suggestion through the console and keeps it in D1', async () => {
    const res = await post('/dev/messages', { chatId: 'wenquan-village', userId: 'u-zhang', userName: '张卫东', text: '建议：村口道路需要硬化', eventId: 'w-1' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { replies: { text: string }[] };
    expect(body.replies.map((r) => r.text)).toEqual([
      '已记录 建议#1（江川区江城镇温泉村）。\n五个一进度 1/5：⬜乡情恳谈 ⬜实地走访 ✅中肯建议 ⬜为民实事 ⬜村规民约',
    ]);
    const rows = await worker.store.db.select({ seq: records.seq, text: records.text, personId: records.personId }).from(records);
    expect(rows).toEqual([{ seq: 1, text: '村口道路需要硬化', personId: 'demo-cadre-zhang' }]);
  });

  it('refuses a Telegram update without the secret token and writes nothing', async () => {
    const res = await toTelegram(tgMessage({ id: TG_GROUP, type: 'supergroup' }, { id: TG_ADMIN, first_name: '李明' }, '/bind 温泉村'), 'wrong');
    expect(res.status).toBe(401);
    expect(await worker.store.db.select().from(chats).where(eq(chats.platform, 'telegram'))).toEqual([]);
  });

  it('binds a Telegram group from a webhook update and replies at the Bot API after answering', async () => {
    const update = tgMessage({ id: TG_GROUP, type: 'supergroup', title: '温泉村规划编制组' }, { id: TG_ADMIN, first_name: '李明' }, '/bind 温泉村');
    const res = await toTelegram(update);
    expect(res.status).toBe(200);
    const [sent] = await telegram.waitFor((c) => c.path.endsWith('/sendMessage') && String(c.body.chat_id) === String(TG_GROUP));
    expect(sent!.body.text).toBe('已绑定：本群是 江川区江城镇温泉村 的村庄规划编制组群。');
    const [bound] = await worker.store.db
      .select({ regionCode: chats.regionCode, purpose: chats.purpose })
      .from(chats)
      .where(and(eq(chats.platform, 'telegram'), eq(chats.chatId, String(TG_GROUP))));
    expect(bound).toEqual({ regionCode: '530403101208', purpose: 'village' });

    // Telegram redelivers the same update: nothing is written or sent again.
    expect((await toTelegram(update)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(telegram.sends(TG_GROUP)).toHaveLength(1);
  });

  it('answers the Feishu URL challenge', async () => {
    const body = JSON.stringify({ encrypt: encryptEvent(LARK_KEY, JSON.stringify({ type: 'url_verification', token: LARK_TOKEN, challenge: 'ch-e2e' })) });
    const res = await worker.mf.dispatchFetch(new URL('/webhook/lark', worker.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: 'ch-e2e' });
  });

  it('binds a Feishu group from a signed, encrypted event and replies at the Open API', async () => {
    const delivery = larkDelivery('ev-worker-1', '/bind 温泉村');
    const res = await worker.mf.dispatchFetch(new URL('/webhook/lark', worker.url), { method: 'POST', headers: delivery.headers, body: delivery.body });
    expect(res.status).toBe(200);
    const [sent] = await larkApi.waitFor(larkApi.isSend);
    const content = JSON.parse(String(sent!.body.content)) as { text?: string };
    expect(content.text).toBe('已绑定：本群是 江川区江城镇温泉村 的村庄规划编制组群。');
    const [bound] = await worker.store.db
      .select({ regionCode: chats.regionCode, purpose: chats.purpose })
      .from(chats)
      .where(and(eq(chats.platform, 'lark'), eq(chats.chatId, LARK_GROUP)));
    expect(bound).toEqual({ regionCode: '530403101208', purpose: 'village' });

    // Feishu retries with the same event id: nothing new is sent.
    const again = await worker.mf.dispatchFetch(new URL('/webhook/lark', worker.url), { method: 'POST', headers: delivery.headers, body: delivery.body });
    expect(again.status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(larkApi.sends()).toHaveLength(1);
  });

  it('answers an encrypted WeCom 「@归乡 帮助」 through its response_url within a second, once', async () => {
    const push = { ...textPush('w-wecom-1', 'zhangweidong', '@归乡 帮助'), response_url: `${wecomApi.url}/cgi-bin/aibot/response?response_code=w1` };
    const req = signedPush(push, Date.now());
    const started = Date.now();
    const res = await worker.mf.dispatchFetch(new URL(req.path, worker.url), req.init);
    expect(res.status).toBe(200);
    while (wecomApi.calls.length === 0 && Date.now() - started < 3000) await new Promise((r) => setTimeout(r, 10));
    expect(wecomApi.calls.map((c) => c.path)).toEqual(['/cgi-bin/aibot/response?response_code=w1']);
    expect(wecomApi.calls[0]!.at - started).toBeLessThan(1000);
    expect(wecomApi.calls[0]!.body.markdown!.content).toContain('绑定');
    // Redelivered: nothing more.
    const again = signedPush(push, Date.now(), { nonce: 'other' });
    expect((await worker.mf.dispatchFetch(new URL(again.path, worker.url), again.init)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect(wecomApi.calls).toHaveLength(1);
  });

  it('refuses a Feishu event whose signature does not match, writing nothing', async () => {
    const delivery = larkDelivery('ev-worker-forged', '/bind 海门村');
    const res = await worker.mf.dispatchFetch(new URL('/webhook/lark', worker.url), {
      method: 'POST',
      headers: { ...delivery.headers, 'x-lark-signature': '0'.repeat(64) },
      body: delivery.body,
    });
    expect(res.status).toBe(401);
    const [bound] = await worker.store.db.select({ regionCode: chats.regionCode }).from(chats).where(and(eq(chats.platform, 'lark'), eq(chats.chatId, LARK_GROUP)));
    expect(bound).toEqual({ regionCode: '530403101208' });
  });

  it('runs the same tick from the cron: a meeting’s sign-in opens in the chat', async () => {
    // A meeting tomorrow at 22:30 Beijing time, and the cron fired at 22:20 that day: its sign-in
    // window (15 minutes before the start) is open, so the tick posts the sign-in message. The
    // cron's time is fixed (quiet hours, when no five-ones reminder is due), not the wall clock.
    const created = await post('/dev/messages', { chatId: 'wenquan-village', userId: 'u-yang', userName: '杨建国', text: `会议 ${TOMORROW} 22:30 村民代表会议`, eventId: 'w-meeting' });
    expect(created.status).toBe(200);
    const createdBody = (await created.json()) as { replies: { id: number; text: string }[] };
    expect(createdBody.replies[0]!.text).toMatch(/^已安排 会议#\d+「村民代表会议」/u);
    const after = createdBody.replies[0]!.id;
    expect(await worker.scheduled(cronAt('22:20'))).toMatchObject({ outcome: 'ok' });
    const feed = (await (await worker.mf.dispatchFetch(new URL(`/dev/messages?chatId=wenquan-village&after=${after}`, worker.url))).json()) as { messages: { text: string }[] };
    expect(feed.messages.map((m) => m.text)).toEqual([expect.stringMatching(/村民代表会议[\s\S]*签到/u)]);
    // A second cron run in the same minute sends nothing more.
    expect(await worker.scheduled(cronAt('22:20'))).toMatchObject({ outcome: 'ok' });
    const again = (await (await worker.mf.dispatchFetch(new URL(`/dev/messages?chatId=wenquan-village&after=${after}`, worker.url))).json()) as { messages: unknown[] };
    expect(again.messages).toHaveLength(1);
  });

  it('leaves a reply the Bot API refused with 429 in the outbox, and the cron sends it', async () => {
    telegram.state.failNext = 1;
    const before = telegram.sends(TG_ADMIN).length;
    const res = await toTelegram(tgMessage({ id: TG_ADMIN, type: 'private' }, { id: TG_ADMIN, first_name: '李明' }, '/bind 温泉村'));
    expect(res.status).toBe(200);
    await telegram.waitFor((c) => c.path.endsWith('/sendMessage') && String(c.body.chat_id) === String(TG_ADMIN), before + 1);
    const pending = async () =>
      worker.store.db
        .select({ state: outbox.state, attempts: outbox.attempts, nextAttemptAt: outbox.nextAttemptAt })
        .from(outbox)
        .where(and(eq(outbox.platform, 'telegram'), eq(outbox.chatId, String(TG_ADMIN))))
        .orderBy(asc(outbox.id));
    let rows = await pending();
    for (let i = 0; i < 50 && rows[0]?.state !== 'pending'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      rows = await pending();
    }
    expect(rows).toMatchObject([{ state: 'pending', attempts: 1 }]);
    // The next cron after retry_after (and the backoff) sends it; a fixed moment in quiet hours
    // queues no reminders beside it.
    expect(rows[0]!.nextAttemptAt).toBeLessThan(cronAt('22:21').getTime());
    expect(await worker.scheduled(cronAt('22:21'))).toMatchObject({ outcome: 'ok' });
    const sends = telegram.sends(TG_ADMIN);
    expect(sends).toHaveLength(before + 2);
    expect(sends.at(-1)!.body.text).toBe(sends.at(-2)!.body.text);
    expect(await pending()).toMatchObject([{ state: 'sent', attempts: 0 }]);
  });
});

describe('the Worker bundle', () => {
  it('stays under 1 MiB gzipped', async () => {
    const gzipped = gzipSync(await readFile(built.script)).length;
    expect(gzipped).toBeLessThan(1024 * 1024);
    expect(built.buildLog).toMatch(/Total Upload: [\d.]+ KiB \/ gzip: [\d.]+ KiB/u);
  });

  it('holds no Node-only module: SQLite driver, spreadsheet writer, chart renderer or font', async () => {
    const meta = JSON.parse(await readFile(built.metafile, 'utf8')) as { inputs: Record<string, unknown> };
    const packages = new Set(
      Object.keys(meta.inputs)
        .filter((f) => f.includes('node_modules/'))
        .map((f) => {
          const parts = f.split('node_modules/').pop()!.split('/');
          return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
        }),
    );
    expect(packages.has('drizzle-orm')).toBe(true); // the check sees packages at all
    for (const heavy of ['better-sqlite3', 'exceljs', 'jszip', '@resvg/resvg-wasm', '@embedpdf/fonts-sc', '@hono/node-server']) {
      expect(packages.has(heavy), heavy).toBe(false);
    }
    expect(Object.keys(meta.inputs).filter((f) => f.endsWith('src/db/sqlite.ts'))).toEqual([]);
  });
});

describe('the Worker refuses Node-only modes', () => {
  it('answers 500 and logs which setting to change when TELEGRAM_MODE=polling or LARK_MODE=ws', async () => {
    const worker = await startWorker(built, { TELEGRAM_BOT_TOKEN: TG_TOKEN, TELEGRAM_MODE: 'polling', LARK_MODE: 'ws' });
    try {
      const res = await worker.mf.dispatchFetch(new URL('/healthz', worker.url));
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: 'the bot is misconfigured; see the Worker logs' });
      await new Promise((r) => setTimeout(r, 100));
      const log = worker.logs.join('\n');
      expect(log).toContain('TELEGRAM_MODE: polling needs a long-running Node process');
      expect(log).toContain('LARK_MODE: ws (long connection) needs a long-running Node process');
      expect(log).not.toContain(TG_TOKEN);
    } finally {
      await worker.dispose();
    }
  });
});
