/**
 * Generates a realistic database for benchmarks, through the real migrations:
 *
 *   npm run bench:data -- --scale yuxi       (9 counties, 75 townships, 572 villages, 5,647 cadres)
 *   npm run bench:data -- --scale province   (16 prefectures, 129 counties, 1,400 townships,
 *                                             14,000 villages, 140,000 cadres, ~5 million rows)
 *
 * Options: --out <file> (default data/bench-<scale>.db), --seed <n>. A year of records, meetings
 * and sign-ins ends at BENCH_NOW. Rows go in through prepared statements in large transactions,
 * which is what keeps the province scale to minutes.
 */
import { existsSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { openSqliteStore } from '../src/db/sqlite.js';
import { shippedRegions } from '../src/db/seed/regions.js';
import { BENCH_NOW, SCALES, benchUser, type ScaleName } from './scales.js';

const DAY = 86_400_000;

interface GenRegion {
  code: string;
  name: string;
  level: 'city' | 'county' | 'township' | 'village';
  parentCode: string | null;
  path: string;
  fullName: string;
}

/** Small deterministic PRNG (mulberry32): the same seed gives the same database. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = '安宝北长大东凤福高关海和红华江金九乐里龙路罗马明南宁平青清山上石水太田通土湾王文西溪小新兴秀阳杨永玉元云哨寨营坝坡箐冲沟'.split('');
const SURNAMES = '李王张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢普白'.split('');
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红海林宏文云斌'.split('');

function main(): void {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: 'yuxi' }, out: { type: 'string' }, seed: { type: 'string', default: '42' } } });
  const scaleName = values.scale as ScaleName;
  const scale = SCALES[scaleName];
  if (!scale) throw new Error(`--scale must be ${Object.keys(SCALES).join(' or ')}`);
  const out = values.out ?? `data/bench-${scaleName}.db`;
  for (const f of [out, `${out}-wal`, `${out}-shm`]) if (existsSync(f)) rmSync(f);
  const rand = prng(Number(values.seed));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const started = Date.now();

  const store = openSqliteStore(out);
  const db = store.sqlite;
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');

  // Regions ---------------------------------------------------------------------------------
  const regions: GenRegion[] = [];
  const byCode = new Map<string, GenRegion>();
  const add = (code: string, name: string, level: GenRegion['level'], parent: GenRegion | null) => {
    const r: GenRegion = {
      code,
      name,
      level,
      parentCode: parent?.code ?? null,
      path: parent ? `${parent.path}/${code}` : code,
      fullName: parent && parent.level !== 'city' ? parent.fullName + name : name,
    };
    regions.push(r);
    byCode.set(code, r);
    return r;
  };
  const usedNames = new Set<string>();
  const placeName = (suffix: string) => {
    for (;;) {
      const n = pick(SYLLABLES) + pick(SYLLABLES) + (rand() < 0.3 ? pick(SYLLABLES) : '') + suffix;
      if (!usedNames.has(n) || usedNames.size > 50_000) {
        usedNames.add(n);
        return n;
      }
    }
  };

  if (scaleName === 'yuxi') {
    // The official Yuxi tree (718 villages; the programme's 572 groups are among them).
    for (const s of shippedRegions()) add(s.code, s.name, s.level, s.parentCode ? byCode.get(s.parentCode) ?? null : null);
    const townships = regions.filter((r) => r.level === 'township');
    const nextSuffix = new Map<string, number>();
    for (const r of regions) if (r.level === 'village') nextSuffix.set(r.parentCode!, Math.max(nextSuffix.get(r.parentCode!) ?? 200, Number(r.code.slice(-3))));
    let i = 0;
    while (regions.filter((r) => r.level === 'village').length < scale.villages) {
      const t = townships[i++ % townships.length]!;
      const n = (nextSuffix.get(t.code) ?? 200) + 1;
      nextSuffix.set(t.code, n);
      add(`${t.code}${String(n).padStart(3, '0')}`, placeName('村'), 'village', t);
    }
  } else {
    const spread = (total: number, parts: number, k: number) => Math.floor(total / parts) + (k < total % parts ? 1 : 0);
    for (let p = 0; p < scale.prefectures; p++) {
      const pref = add(`53${String(p + 1).padStart(2, '0')}00`, placeName('市'), 'city', null);
      const counties = spread(scale.counties, scale.prefectures, p);
      for (let c = 0; c < counties; c++) {
        const county = add(`${pref.code.slice(0, 4)}${String(c + 1).padStart(2, '0')}`, placeName(c % 4 === 0 ? '区' : '县'), 'county', pref);
        const countyIndex = regions.filter((r) => r.level === 'county').length - 1;
        const towns = spread(scale.townships, scale.counties, countyIndex);
        for (let t = 0; t < towns; t++) {
          const town = add(`${county.code}${String(t + 1).padStart(3, '0')}`, placeName(t % 3 === 0 ? '乡' : '镇'), 'township', county);
          for (let v = 0; v < scale.villages / scale.townships; v++) add(`${town.code}${String(201 + v).padStart(3, '0')}`, placeName('村'), 'village', town);
        }
      }
    }
  }
  const villages = regions.filter((r) => r.level === 'village');
  const insertRegion = db.prepare('insert into regions (code, name, level, parent_code, path, full_name) values (?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (const r of regions) insertRegion.run(r.code, r.name, r.level, r.parentCode, r.path, r.fullName);
  })();

  // People, roles, accounts ------------------------------------------------------------------
  const insertPerson = db.prepare('insert into people (id, name, phone, work_unit, home_region, on_roster, created_at) values (?, ?, ?, ?, ?, ?, ?)');
  const insertRole = db.prepare('insert into roles (person_id, role, region_code, granted_at) values (?, ?, ?, ?)');
  const insertIdentity = db.prepare('insert into identities (platform, user_id, person_id, display_name, username, unreachable_at, linked_at) values (?, ?, ?, ?, null, null, ?)');
  const yearAgo = BENCH_NOW - 365 * DAY;
  const cadresOf = new Map<string, string[]>();
  let people = 0;
  db.transaction(() => {
    let n = 0;
    villages.forEach((v, vi) => {
      const count = Math.floor(scale.cadres / villages.length) + (vi < scale.cadres % villages.length ? 1 : 0);
      const ids: string[] = [];
      for (let k = 0; k < count; k++) {
        const id = `c-${++n}`;
        const name = pick(SURNAMES) + pick(GIVEN) + (rand() < 0.6 ? pick(GIVEN) : '');
        insertPerson.run(id, name, `139${String(10_000_000 + n).slice(-8)}`, '玉溪市某单位', v.code, 1, yearAgo);
        insertRole.run(id, 'cadre', v.code, yearAgo);
        if (k === 0) insertRole.run(id, 'leader', v.code, yearAgo);
        if (rand() < 0.85) insertIdentity.run('telegram', `tg-${n}`, id, name, yearAgo + Math.floor(rand() * 60 * DAY));
        ids.push(id);
      }
      cadresOf.set(v.code, ids);
    });
    people = n;
    // One station member per county and township, and an admin, reachable from the local console.
    for (const r of regions) {
      if (r.level !== 'county' && r.level !== 'township') continue;
      const id = `s-${r.code}`;
      insertPerson.run(id, `${r.name}联络员`, null, `${r.name}联络服务站`, r.code, 0, yearAgo);
      insertRole.run(id, r.level === 'county' ? 'county_station' : 'township_station', r.code, yearAgo);
      insertIdentity.run('local', benchUser(r.code), id, `${r.name}联络员`, yearAgo);
    }
    insertPerson.run('s-admin', '工作专班', null, '工作专班', regions[0]!.code, 0, yearAgo);
    insertRole.run('s-admin', 'admin', regions[0]!.code, yearAgo);
    insertIdentity.run('local', benchUser('admin'), 's-admin', '工作专班', yearAgo);
  })();

  // Records: a year of the five kinds ----------------------------------------------------------
  const insertRecord = db.prepare(
    `insert into records (id, kind, seq, region_code, person_id, text, status, evidence, category, platform, chat_id, event_id, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, ?, null, null, 'telegram', ?, ?, ?, ?)`,
  );
  const seq = { suggestion: 0, deed: 0, visit: 0, problem: 0, rule: 0 };
  const TEXTS = { suggestion: '建议村口道路硬化并安装路灯', deed: '帮村里联系了种苗和技术员', visit: '走访了村里的老党员和种植大户', problem: '村里的饮水管道老化漏水', rule: '村规民约增加垃圾分类条款' };
  const status = (kind: keyof typeof seq): string => {
    const x = rand();
    switch (kind) {
      case 'suggestion':
        return x < 0.4 ? 'pending' : x < 0.7 ? 'adopted' : x < 0.85 ? 'rejected' : x < 0.95 ? 'forwarded' : 'voting';
      case 'problem':
        return x < 0.5 ? 'open' : 'resolved';
      case 'deed':
        return 'done';
      case 'visit':
        return 'recorded';
      case 'rule':
        return x < 0.6 ? 'pending' : 'adopted';
    }
  };
  const perCadre: [keyof typeof seq, number][] = [
    ['visit', scale.recordsPerCadre * 0.4],
    ['suggestion', scale.recordsPerCadre * 0.25],
    ['deed', scale.recordsPerCadre * 0.15],
    ['problem', scale.recordsPerCadre * 0.12],
    ['rule', scale.recordsPerCadre * 0.08],
  ];
  let recordCount = 0;
  let r = 0;
  const villageList = [...cadresOf.entries()];
  // Some villages went quiet a while ago: they are the ones /stats flags red.
  const quietSince = new Map(villageList.map(([code]) => [code, rand() < 0.12 ? BENCH_NOW - (15 + Math.floor(rand() * 120)) * DAY : BENCH_NOW]));
  const BATCH = 200_000;
  let pending = 0;
  db.exec('begin');
  for (const [code, ids] of villageList) {
    const until = quietSince.get(code)!;
    for (const id of ids) {
      const activity = rand() < 0.15 ? 0 : 0.5 + rand();
      for (const [kind, mean] of perCadre) {
        const count = Math.floor(mean * activity * 2 * rand() + rand());
        for (let k = 0; k < count; k++) {
          const at = yearAgo + Math.floor(rand() * (until - yearAgo));
          insertRecord.run(`r-${++r}`, kind, ++seq[kind], code, id, TEXTS[kind], status(kind), `g-${code}`, `bench-${r}`, at, at);
          recordCount++;
          if (++pending >= BATCH) {
            db.exec('commit');
            db.exec('begin');
            pending = 0;
          }
        }
      }
    }
  }
  db.exec('commit');

  // Meetings and sign-ins ----------------------------------------------------------------------
  const insertMeeting = db.prepare(
    `insert into meetings (id, seq, kind, title, place, region_code, platform, chat_id, thread_id, starts_at, signin_opens_at, signin_closes_at, status, villagers, summary, created_by, created_at, updated_at)
     values (?, ?, ?, ?, null, ?, 'telegram', ?, null, ?, ?, ?, ?, ?, null, ?, ?, ?)`,
  );
  const insertAttendance = db.prepare('insert into meeting_attendance (meeting_id, person_id, status, at, proxy_by, reason) values (?, ?, ?, ?, null, null)');
  const KINDS: [string, string, number][] = [
    ['talk', '乡情恳谈会', 0.3],
    ['seminar', '规划座谈会', 0.2],
    ['party', '党员大会', 0.15],
    ['representatives', '村民代表大会', 0.15],
    ['council', '理事会会议', 0.2],
  ];
  const kindOf = () => {
    let x = rand();
    for (const k of KINDS) if ((x -= k[2]) < 0) return k;
    return KINDS[0]!;
  };
  let meetingCount = 0;
  let attendanceCount = 0;
  pending = 0;
  db.exec('begin');
  for (const [code, ids] of villageList) {
    if (ids.length === 0) continue;
    const until = quietSince.get(code)!;
    for (let k = 0; k < scale.meetingsPerVillage; k++) {
      const [kind, title] = kindOf();
      const starts = yearAgo + Math.floor(rand() * (until - yearAgo));
      const id = `m-${++meetingCount}`;
      insertMeeting.run(id, meetingCount, kind, title, code, `g-${code}`, starts, starts - 30 * 60_000, starts + 2 * 3_600_000, 'closed', Math.floor(rand() * 30), ids[0]!, starts - 3 * DAY, starts + 2 * 3_600_000);
      for (const p of ids) {
        const x = rand();
        const st = x < 0.72 ? 'signed' : x < 0.8 ? 'late' : x < 0.9 ? 'leave' : 'invited';
        insertAttendance.run(id, p, st, st === 'signed' || st === 'late' ? starts + Math.floor(rand() * 40 * 60_000) : null);
        attendanceCount++;
      }
      pending += ids.length + 1;
      if (pending >= BATCH) {
        db.exec('commit');
        db.exec('begin');
        pending = 0;
      }
    }
  }
  db.exec('commit');
  db.pragma('optimize');
  db.exec('analyze');
  store.sqlite.close();

  const total = regions.length + people + recordCount + meetingCount + attendanceCount;
  console.log(
    JSON.stringify({
      scale: scaleName,
      out,
      regions: regions.length,
      villages: villages.length,
      cadres: people,
      records: recordCount,
      meetings: meetingCount,
      signIns: attendanceCount,
      rows: total,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    }),
  );
}

main();
