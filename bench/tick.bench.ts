/**
 * `tick(now)` over a province-scale roster: 140,000 cadres in 14,000 villages, every village
 * group, township and county station chat bound, half the cadres reachable in private on
 * Telegram, one meeting in ten villages starting an hour after the tick. The tick falls on a
 * Monday at 09:00 (a working day): the weekly digest is due for every station chat, every cadre
 * past the 14-day grace is missing items and gets a five-ones nudge, and the meetings' reminders
 * are due. A second tick at the same moment shows what a replayed or concurrent tick costs.
 *
 *   npm run bench -- --only tick          (or: npx tsx bench/tick.bench.ts)
 *
 * No platform sender is configured, so the drain at the end of a tick only looks at the queue:
 * the figures are the scheduler's own work and the atomic writes that queue its messages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createBot } from '../src/bot/create-bot.js';
import { silentLogger } from '../src/bot/engine/ports.js';
import type { TickResult } from '../src/bot/engine/scheduler/index.js';
import { parseConfig } from '../src/config.js';
import { openSqliteStore, type SqliteStore } from '../src/db/sqlite.js';
import { SCALES, type ScaleName } from './scales.js';

/** Monday 2026-12-07 09:00 in Asia/Shanghai. */
export const TICK_AT = new Date('2026-12-07T01:00:00.000Z');
const DAY = 86_400_000;

export interface TickFigures {
  scale: ScaleName;
  cadres: number;
  villages: number;
  chats: number;
  seedSeconds: number;
  first: { ms: number; result: TickResult | null; error?: string; enqueued: number; peakRss: number };
  replay: { ms: number; result: TickResult; enqueued: number } | null;
}

/** The roster, written straight through prepared statements (the schema comes from the migrations). */
function seedRoster(store: SqliteStore, scaleName: ScaleName): { cadres: number; villages: number; chats: number } {
  const scale = SCALES[scaleName];
  const db = store.sqlite;
  const joined = TICK_AT.getTime() - 60 * DAY;
  const region = db.prepare('insert into regions (code, name, level, parent_code, path, full_name) values (?, ?, ?, ?, ?, ?)');
  const person = db.prepare('insert into people (id, name, phone, work_unit, home_region, on_roster, created_at) values (?, ?, null, null, ?, 1, ?)');
  const role = db.prepare('insert into roles (person_id, role, region_code, granted_at) values (?, ?, ?, ?)');
  const identity = db.prepare("insert into identities (platform, user_id, person_id, display_name, username, unreachable_at, linked_at) values ('telegram', ?, ?, ?, null, null, ?)");
  const chat = db.prepare("insert into chats (platform, chat_id, thread_id, type, title, region_code, purpose, active, bound_by, bound_at, updated_at) values ('telegram', ?, null, ?, ?, ?, ?, 1, ?, ?, ?)");
  const meeting = db.prepare(
    `insert into meetings (id, seq, kind, title, place, region_code, platform, chat_id, thread_id, starts_at, signin_opens_at, signin_closes_at, status, villagers, summary, created_by, created_at, updated_at)
     values (?, ?, 'talk', '乡情恳谈会', null, ?, 'telegram', ?, null, ?, ?, ?, 'scheduled', 0, null, ?, ?, ?)`,
  );
  const invite = db.prepare("insert into meeting_attendance (meeting_id, person_id, status, at, proxy_by, reason) values (?, ?, 'invited', null, null, null)");
  let cadres = 0;
  let villages = 0;
  let chats = 0;
  let groupId = 1_000_000_000_000;
  db.transaction(() => {
    const root = { code: '530000', path: '530000', fullName: '云南省' };
    region.run(root.code, '云南省', 'city', null, root.path, root.fullName);
    chat.run(String(-groupId++), 'group', '省工作专班', root.code, 'task_force', 'bench', joined, joined);
    chats++;
    const spread = (total: number, parts: number, k: number) => Math.floor(total / parts) + (k < total % parts ? 1 : 0);
    let townships = 0;
    for (let c = 0; c < scale.counties; c++) {
      const county = { code: `53${String(c + 1).padStart(4, '0')}`, name: `第${c + 1}县` };
      const countyPath = `${root.path}/${county.code}`;
      region.run(county.code, county.name, 'county', root.code, countyPath, county.name);
      chat.run(String(-groupId++), 'group', `${county.name}联络服务站`, county.code, 'county_station', 'bench', joined, joined);
      chats++;
      const towns = spread(scale.townships, scale.counties, c);
      for (let t = 0; t < towns; t++) {
        const town = { code: `${county.code}${String(t + 1).padStart(3, '0')}`, name: `第${t + 1}镇` };
        const townPath = `${countyPath}/${town.code}`;
        region.run(town.code, town.name, 'township', county.code, townPath, county.name + town.name);
        chat.run(String(-groupId++), 'group', `${town.name}联络服务站`, town.code, 'township_station', 'bench', joined, joined);
        chats++;
        const villagesHere = spread(scale.villages, scale.townships, townships++);
        for (let v = 0; v < villagesHere; v++) {
          const code = `${town.code}${String(201 + v).padStart(3, '0')}`;
          const name = `第${v + 1}村`;
          region.run(code, name, 'village', town.code, `${townPath}/${code}`, county.name + town.name + name);
          const group = String(-groupId++);
          chat.run(group, 'group', `${name}规划编制组`, code, 'village', 'bench', joined, joined);
          chats++;
          const members: string[] = [];
          const cadresHere = spread(scale.cadres, scale.villages, villages);
          for (let k = 0; k < cadresHere; k++) {
            const id = `c-${++cadres}`;
            const userId = String(100_000_000 + cadres);
            person.run(id, `干部${cadres}`, code, joined);
            role.run(id, 'cadre', code, joined);
            if (k === 0) role.run(id, 'leader', code, joined);
            identity.run(userId, id, `干部${cadres}`, joined);
            // Half have started a private chat with the bot; the rest are @mentioned in the group.
            if (cadres % 2 === 0) {
              chat.run(userId, 'private', null, null, null, null, null, joined);
              chats++;
            }
            members.push(id);
          }
          villages++;
          if (villages % 10 === 0) {
            const mid = `m-${villages}`;
            const starts = TICK_AT.getTime() + 3_600_000;
            meeting.run(mid, villages / 10, code, group, starts, starts - 30 * 60_000, starts + 2 * 3_600_000, members[0]!, joined, joined);
            for (const p of members) invite.run(mid, p);
          }
        }
      }
    }
  })();
  db.exec('analyze');
  return { cadres, villages, chats };
}

function enqueued(store: SqliteStore): number {
  return (store.sqlite.prepare('select count(*) as n from outbox').get() as { n: number }).n;
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T | null; error?: string; peakRss: number }> {
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  const t = performance.now();
  try {
    const value = await work();
    return { ms: performance.now() - t, value, peakRss };
  } catch (err) {
    return { ms: performance.now() - t, value: null, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err), peakRss };
  } finally {
    clearInterval(sampler);
  }
}

export async function runTickBenchmark(scale: ScaleName, log: (line: string) => void = console.error): Promise<TickFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'guixiang-tick-'));
  try {
    const path = join(dir, `${scale}.db`);
    const store = openSqliteStore(path);
    const seedStarted = performance.now();
    const roster = seedRoster(store, scale);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    log(`tick ${scale}: seeded ${roster.cadres.toLocaleString('en')} cadres, ${roster.villages.toLocaleString('en')} villages, ${roster.chats.toLocaleString('en')} chats in ${seedSeconds.toFixed(1)} s`);
    const config = parseConfig({ DATABASE_PATH: path, DEV_CONSOLE: '0' });
    const bot = await createBot({ config, store, clock: () => TICK_AT, logger: silentLogger });

    const first = await timed(() => bot.tick(TICK_AT));
    const firstEnqueued = enqueued(store);
    log(`tick ${scale}: first ${(first.ms / 1000).toFixed(1)} s, ${firstEnqueued.toLocaleString('en')} messages queued ${first.error ?? JSON.stringify(first.value)}`);
    let replay: TickFigures['replay'] = null;
    if (first.value) {
      const again = await timed(() => bot.tick(TICK_AT));
      const replayEnqueued = enqueued(store) - firstEnqueued;
      log(`tick ${scale}: replay ${(again.ms / 1000).toFixed(1)} s, ${replayEnqueued} more messages ${again.error ?? JSON.stringify(again.value)}`);
      if (again.value) replay = { ms: again.ms, result: again.value, enqueued: replayEnqueued };
    }
    await store.close();
    return {
      scale,
      ...roster,
      seedSeconds,
      first: { ms: first.ms, result: first.value, ...(first.error ? { error: first.error } : {}), enqueued: firstEnqueued, peakRss: first.peakRss },
      replay,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function tickSection(figures: TickFigures[], machine: string): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const n = (x: number) => x.toLocaleString('en');
  const rows = figures.flatMap((f) => {
    const r = f.first.result;
    const first = r
      ? `| ${f.scale} | ${n(f.cadres)} | first | **${s(f.first.ms)}** | **${n(f.first.enqueued)}** | ${n(r.nudges ?? 0)} five-ones nudges, ${n(r.digests ?? 0)} weekly digests, ${n(r.inspections ?? 0)} monthly inspections, ${n(r.meetings ?? 0)} meeting jobs | ${(f.first.peakRss / 1024 / 1024).toFixed(0)} MB |`
      : `| ${f.scale} | ${n(f.cadres)} | first | **failed** after ${s(f.first.ms)} | ${n(f.first.enqueued)} | \`${f.first.error}\` | ${(f.first.peakRss / 1024 / 1024).toFixed(0)} MB |`;
    const again = f.replay
      ? [`| ${f.scale} | ${n(f.cadres)} | again, same moment | ${s(f.replay.ms)} | ${n(f.replay.enqueued)} | ${f.replay.result.nudges} nudges, ${f.replay.result.digests} digests, ${f.replay.result.meetings} meeting jobs (${f.replay.result.skipped} found done) | |`]
      : [];
    return [first, ...again];
  });
  return [
    '## Scheduler tick at Yuxi and province scale',
    '',
    `\`npm run bench\` (or \`npm run bench -- --only tick\`; source \`bench/tick.bench.ts\`). ${machine}. A generated roster on a SQLite file: every cadre joined 60 days before and has no record yet, so each misses all five items; every village group, township and county station chat and the task force are bound; half the cadres have a private chat with the bot; one village in ten has a meeting an hour ahead. \`bot.tick(now)\` runs at Monday 09:00 Beijing time, a working day, in the benchmark process with no platform sender configured, so the figures are the scheduler deciding and committing; sending is the outbox's, at each platform's pace. Seeding is not counted.`,
    '',
    '| scale | cadres | tick | time | messages queued | work done | peak RSS |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    ...(figures.some((f) => /call stack/u.test(f.first.error ?? ''))
      ? [
          '',
          'Why a tick fails with a stack overflow: the nudge step (`runNudges` in `src/bot/features/core/nudge-jobs.ts`) asks for the nudge history of every cadre with one `inArray` list (`nudgeHistoryOf`, and later `reachOf` for everyone due), and drizzle overflows the stack building a statement with one parameter per cadre. The meeting jobs, digests and inspections before it had been committed, each in its own write, so the messages counted were queued and a later tick does not repeat them; no nudge was. Reading those lists in chunks of a few hundred ids would lift the limit.',
        ]
      : []),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  (async () => {
    const figures = [await runTickBenchmark('yuxi'), await runTickBenchmark('province')];
    console.log(tickSection(figures, `Node ${process.version}`));
  })().catch((err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  });
}
