import { bindChatStatement } from '../../../src/db/repo/chats.js';
import { grantRoleStatement, linkIdentityStatement, upsertPersonStatement } from '../../../src/db/repo/people.js';
import { getRegion, upsertRegionStatement } from '../../../src/db/repo/regions.js';
import { DEMO_VILLAGE, seedDemo } from '../../../src/db/seed/demo.js';
import type { Statement, Store } from '../../../src/db/store.js';

/**
 * Load spreads over villages the way real traffic does: a village files tens of suggestions a
 * year, and each new one is compared with the village's earlier ones, so a load of thousands
 * into one village would measure that comparison rather than the webhook.
 */
export interface RosterShape {
  cadres: number;
  /** Villages, each with its own bound Telegram group and Feishu group (at most 1,400). */
  villages: number;
}

/** The townships load villages are generated in: 温泉村's (江城镇), then 前卫镇 for villages past 700. */
const TOWNSHIPS = [DEMO_VILLAGE.slice(0, 9), '530403102'] as const;
const PER_TOWNSHIP = 700;

/** The n-th load village: 温泉村 first, then generated villages of 江城镇, then of 前卫镇. */
export function loadVillage(v: number) {
  if (v === 0) return { code: DEMO_VILLAGE, name: '温泉村', telegramGroup: -1001234567890, larkGroup: 'oc_wenquan' };
  const township = TOWNSHIPS[Math.floor(v / PER_TOWNSHIP)]!;
  return { code: `${township}${300 + (v % PER_TOWNSHIP) - (v < PER_TOWNSHIP ? 1 : 0)}`, name: `试点${v}村`, telegramGroup: -1002000000000 - v, larkGroup: `oc_load_${v}` };
}

/** The n-th load cadre, of village n mod villages, with a Telegram user id and a Feishu open_id. */
export function loadCadre(i: number, shape: RosterShape) {
  return { personId: `load-cadre-${i}`, name: `回乡干部${i}`, telegramId: 5_000_000 + i, larkId: `ou_load_${i}`, village: loadVillage(i % shape.villages) };
}

const SEEDED_AT = Date.UTC(2026, 0, 2);

/** The demo organisation plus the load villages, their bound groups and their joined cadres. */
export async function seedLoadRoster(store: Store, shape: RosterShape): Promise<void> {
  if (shape.villages < 1 || shape.villages > TOWNSHIPS.length * PER_TOWNSHIP) throw new Error(`villages must be 1–${TOWNSHIPS.length * PER_TOWNSHIP}`);
  await seedDemo(store);
  const db = store.db;
  const townships = await Promise.all(TOWNSHIPS.map((code) => getRegion(db, code)));
  const statements: Statement[] = [];
  for (let v = 0; v < shape.villages; v++) {
    const village = loadVillage(v);
    const township = townships[Math.floor(v / PER_TOWNSHIP)];
    if (!township) throw new Error(`township ${TOWNSHIPS[Math.floor(v / PER_TOWNSHIP)]} is missing from the seed`);
    if (v > 0) statements.push(upsertRegionStatement(db, { code: village.code, name: village.name, level: 'village', parentCode: township.code }, township));
    const binding = { regionCode: village.code, purpose: 'village' as const, boundBy: 'demo-admin', title: `${village.name}规划编制组` };
    statements.push(
      bindChatStatement(db, { platform: 'telegram', chatId: String(village.telegramGroup), threadId: null, type: 'group' }, binding, SEEDED_AT),
      bindChatStatement(db, { platform: 'lark', chatId: village.larkGroup, threadId: null, type: 'group' }, binding, SEEDED_AT),
    );
  }
  for (let i = 0; i < shape.cadres; i++) {
    const c = loadCadre(i, shape);
    statements.push(
      upsertPersonStatement(db, { id: c.personId, name: c.name, homeRegion: c.village.code, onRoster: 1, createdAt: SEEDED_AT }),
      grantRoleStatement(db, c.personId, 'cadre', c.village.code, SEEDED_AT),
      linkIdentityStatement(db, { platform: 'telegram', userId: String(c.telegramId), personId: c.personId, displayName: c.name, linkedAt: SEEDED_AT }),
      linkIdentityStatement(db, { platform: 'lark', userId: c.larkId, personId: c.personId, displayName: c.name, linkedAt: SEEDED_AT }),
    );
  }
  await store.commit(statements);
}
