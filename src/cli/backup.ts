import { parseConfig } from '../config.js';
import { backupDatabase, verifyRestore } from '../db/backup.js';

/**
 *   npm run backup -- <file>                 online copy of DATABASE_PATH plus <file>.json (counts, checksums)
 *   npm run backup -- --verify <db> <file>   check a restored database against a backup's manifest
 */
const args = process.argv.slice(2);
if (args[0] === '--verify') {
  const [restored, backup] = args.slice(1);
  if (!restored || !backup) {
    console.error('用法：npm run backup -- --verify <恢复后的数据库> <备份文件>');
    process.exit(2);
  }
  const result = verifyRestore(restored, `${backup}.json`);
  if (result.ok) console.log('恢复校验通过：每张表的行数和校验和都与备份一致。');
  else console.error(`恢复校验失败：\n${result.differences.join('\n')}`);
  process.exit(result.ok ? 0 : 1);
}
const target = args[0];
if (!target) {
  console.error('用法：npm run backup -- <备份文件路径>');
  process.exit(2);
}
const config = parseConfig(process.env);
const manifest = await backupDatabase(config.DATABASE_PATH, target, new Date());
const total = Object.values(manifest.tables).reduce((n, t) => n + t.rows, 0);
console.log(`已备份到 ${target}：${Object.keys(manifest.tables).length} 张表，共 ${total} 行；清单 ${target}.json`);
