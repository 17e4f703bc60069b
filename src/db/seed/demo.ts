import { chats } from '../schema/index.js';
import { grantRoleStatement, linkIdentityStatement, upsertPersonStatement } from '../repo/people.js';
import type { RoleName } from '../../domain/types.js';
import type { Statement, Store } from '../store.js';
import { regionLoadStatements, shippedRegions } from './regions.js';
import { localPlatform } from '../../bot/platforms/local/definition.js';

/** The demo's people and chats live on the console, where anyone can talk as them. */
const CONSOLE = localPlatform.name;

/** Fixed, so running the seed again writes identical rows. */
const SEEDED_AT = Date.UTC(2026, 0, 1);

export const DEMO_VILLAGE = '530403101208'; // 江川区江城镇温泉村
const JIANGCHENG = '530403101';
const JIANGCHUAN = '530403';
const LVZHI = '530425100';
const WENSHAN = '530426201204'; // 峨山县岔河乡文山村
const CITY = '530400';

interface DemoPerson {
  id: string;
  name: string;
  phone: string;
  workUnit: string;
  home: string;
  roles: [RoleName, string][];
  /** Local console user id; absent for roster entries nobody has claimed yet. */
  localUser?: string;
  onRoster?: boolean;
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { id: 'demo-admin', name: '李明', phone: '13908770001', workUnit: '玉溪市干部规划家乡行动工作专班', home: CITY, roles: [['admin', CITY]], localUser: 'u-admin' },
  { id: 'demo-county', name: '王芳', phone: '13908770002', workUnit: '江川区联络服务站', home: JIANGCHUAN, roles: [['county_station', JIANGCHUAN]], localUser: 'u-jiangchuan' },
  { id: 'demo-township', name: '赵强', phone: '13908770003', workUnit: '江城镇联络服务站', home: JIANGCHENG, roles: [['township_station', JIANGCHENG]], localUser: 'u-jiangcheng' },
  { id: 'demo-leader', name: '杨建国', phone: '13908770004', workUnit: '江川区自然资源局', home: DEMO_VILLAGE, roles: [['leader', DEMO_VILLAGE], ['cadre', DEMO_VILLAGE]], localUser: 'u-yang', onRoster: true },
  { id: 'demo-council', name: '普丽', phone: '13908770005', workUnit: '温泉村村民', home: DEMO_VILLAGE, roles: [['council', DEMO_VILLAGE]], localUser: 'u-puli' },
  { id: 'demo-cadre-zhang', name: '张卫东', phone: '13908771234', workUnit: '玉溪市交通运输局', home: DEMO_VILLAGE, roles: [['cadre', DEMO_VILLAGE]], localUser: 'u-zhang', onRoster: true },
  { id: 'demo-cadre-wang', name: '王海', phone: '13908775678', workUnit: '江川区教育体育局', home: DEMO_VILLAGE, roles: [['cadre', DEMO_VILLAGE]], localUser: 'u-wanghai', onRoster: true },
  // On the roster but not yet claimed: try 「登记 李秀英」 as any console member.
  { id: 'demo-cadre-li', name: '李秀英', phone: '13908772468', workUnit: '江川区卫生健康局', home: DEMO_VILLAGE, roles: [['cadre', DEMO_VILLAGE]], onRoster: true },
  { id: 'demo-lvzhi', name: '何志勇', phone: '13908770006', workUnit: '绿汁镇联络服务站', home: LVZHI, roles: [['township_station', LVZHI]], localUser: 'u-lvzhi' },
  { id: 'demo-wenshan', name: '普国华', phone: '13908770007', workUnit: '峨山县农业农村局', home: WENSHAN, roles: [['leader', WENSHAN], ['cadre', WENSHAN]], localUser: 'u-pu', onRoster: true },
];

export const DEMO_CHATS: readonly { chatId: string; title: string; region: string; purpose: typeof chats.$inferInsert.purpose }[] = [
  { chatId: 'wenquan-village', title: '温泉村规划编制组', region: DEMO_VILLAGE, purpose: 'village' },
  { chatId: 'wenquan-council', title: '温泉村规划建设理事会', region: DEMO_VILLAGE, purpose: 'council' },
  { chatId: 'jiangcheng-station', title: '江城镇联络服务站', region: JIANGCHENG, purpose: 'township_station' },
  { chatId: 'jiangchuan-station', title: '江川区联络服务站', region: JIANGCHUAN, purpose: 'county_station' },
  { chatId: 'lvzhi-station', title: '绿汁镇联络服务站', region: LVZHI, purpose: 'township_station' },
  { chatId: 'wenshan-village', title: '文山村规划编制组', region: WENSHAN, purpose: 'village' },
  { chatId: 'taskforce', title: '玉溪市工作专班', region: CITY, purpose: 'task_force' },
];

/** Loads the demo organisation on the official Yuxi tree. Idempotent: a second run writes the same rows again. */
export async function seedDemo(store: Store): Promise<{ regions: number; people: number; chats: number }> {
  const db = store.db;
  const seeds = shippedRegions();
  // Official regions are written again (a database seeded before they were official gets the
  // official names); regions an operator added are not touched.
  const statements: Statement[] = regionLoadStatements(db, seeds, new Map(), false);
  for (const p of DEMO_PEOPLE) {
    statements.push(
      upsertPersonStatement(db, {
        id: p.id,
        name: p.name,
        phone: p.phone,
        workUnit: p.workUnit,
        homeRegion: p.home,
        onRoster: p.onRoster ? 1 : 0,
        createdAt: SEEDED_AT,
      }),
    );
    for (const [role, region] of p.roles) statements.push(grantRoleStatement(db, p.id, role, region, SEEDED_AT));
    if (p.localUser) {
      statements.push(
        linkIdentityStatement(db, { platform: CONSOLE, userId: p.localUser, personId: p.id, displayName: p.name, linkedAt: SEEDED_AT }),
      );
    }
  }
  for (const c of DEMO_CHATS) {
    const row = {
      platform: CONSOLE,
      chatId: c.chatId,
      threadId: null,
      type: 'group' as const,
      title: c.title,
      regionCode: c.region,
      purpose: c.purpose,
      active: 1,
      boundBy: 'demo-admin',
      boundAt: SEEDED_AT,
      updatedAt: SEEDED_AT,
    };
    const { platform: _p, chatId: _c, ...set } = row;
    statements.push(db.insert(chats).values(row).onConflictDoUpdate({ target: [chats.platform, chats.chatId], set }));
  }
  await store.commit(statements);
  return { regions: seeds.length, people: DEMO_PEOPLE.length, chats: DEMO_CHATS.length };
}
