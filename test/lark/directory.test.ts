import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { people } from '../../src/db/schema/index.js';
import { startFakeOpenApi, type FakeOpenApi } from './fake-open-api.js';
import { deliver, larkTestBot, textEvent, type LarkTestBot } from './support.js';

let fake: FakeOpenApi;
beforeAll(async () => {
  fake = await startFakeOpenApi();
});
afterAll(() => fake.close());
afterEach(() => fake.reset());

const rows = (bot: LarkTestBot, sql: string, ...params: unknown[]) => bot.store.sqlite.prepare(sql).all(...params) as Record<string, unknown>[];
const larkTexts = () => fake.sends().map((c) => (JSON.parse(c.body.content as string) as { text: string }).text);
let n = 0;
const inVillage = (from: string, text: string) => textEvent(`evt-dir-${++n}`, from, text, { chatId: 'oc_wenquan' });

describe('Feishu contact directory on /join', () => {
  it('a directory mobile that is on the roster claims the entry without a tail, recorded as such', async () => {
    const bot = await larkTestBot(fake);
    fake.directory.set('ou_li', { mobile: '+8613908772468' });
    await deliver(bot, inVillage('ou_li', '登记 李秀英'));
    expect(larkTexts()).toEqual(['欢迎您，李秀英！已按组织通讯录确认身份，登记为江川区江城镇温泉村的回乡干部。发送「我的」查看五个一进度，发送「帮助」查看能做什么。']);
    expect(fake.contactCalls().map((c) => ({ path: c.path, query: c.query }))).toEqual([
      { path: '/open-apis/contact/v3/users/ou_li', query: { user_id_type: 'open_id' } },
    ]);
    expect(rows(bot, "select person_id, matched_by from identities where user_id = 'ou_li'")).toEqual([{ person_id: 'demo-cadre-li', matched_by: 'directory_mobile' }]);
  });

  it('the employee number decides first, whatever name was typed', async () => {
    const bot = await larkTestBot(fake);
    await bot.store.db.update(people).set({ employeeNo: 'YX-1001' }).where(eq(people.id, 'demo-cadre-li'));
    fake.directory.set('ou_li', { employee_no: 'YX-1001' });
    await deliver(bot, inVillage('ou_li', '登记 小李'));
    expect(larkTexts()[0]).toMatch(/^欢迎您，李秀英！已按组织通讯录确认身份/u);
    expect(rows(bot, "select person_id, matched_by from identities where user_id = 'ou_li'")).toEqual([{ person_id: 'demo-cadre-li', matched_by: 'directory_employee_no' }]);
  });

  it('a directory mobile that contradicts the roster turns a right tail into a request for the station', async () => {
    const bot = await larkTestBot(fake);
    fake.directory.set('ou_other', { mobile: '+8613900000000' });
    await deliver(bot, inVillage('ou_other', '登记 李秀英 2468'));
    expect(larkTexts()[0]).toBe('您在通讯录里的手机号和名册上 李秀英 的不一致。已提交申请#1，由乡镇联络服务站核实。');
    expect(rows(bot, "select count(*) as n from identities where user_id = 'ou_other'")).toEqual([{ n: 0 }]);
    expect(rows(bot, 'select kind, person_id from join_requests')).toEqual([{ kind: 'station_claim', person_id: 'demo-cadre-li' }]);
  });

  it('without the contact permission the directory says nothing and the tail decides (cadre only)', async () => {
    const bot = await larkTestBot(fake);
    fake.script('contact-user', { status: 400, body: { code: 99991672, msg: 'Access denied. One of the following scopes is required: [contact:user.phone:readonly]' } });
    await deliver(bot, inVillage('ou_li', '登记 李秀英 2468'));
    expect(larkTexts()[0]).toMatch(/^欢迎您，李秀英！已登记为江川区江城镇温泉村的回乡干部/u);
    expect(rows(bot, "select person_id, matched_by from identities where user_id = 'ou_li'")).toEqual([{ person_id: 'demo-cadre-li', matched_by: 'phone_tail' }]);
  });
});
