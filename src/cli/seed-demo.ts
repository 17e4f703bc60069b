import { parseConfig } from '../config.js';
import { seedDemo } from '../db/seed/demo.js';
import { openSqliteStore } from '../db/sqlite.js';

const config = parseConfig(process.env);
const store = openSqliteStore(config.DATABASE_PATH);
const counts = await seedDemo(store);
console.log(`演示数据已载入：${counts.regions} 个地区，${counts.people} 位人员，${counts.chats} 个演示群。`);
await store.close();
