/**
 * Reading the organisation from officials' spreadsheets: regions, the cadre roster, council
 * members, station staff and which chat serves which place. Pure: the caller reads the file and looks regions up. Each table is
 * recognised by its header, so sheet order and extra columns do not matter; every bad row is
 * reported with its sheet, row number and what to fix.
 */
import { cleanName, cleanText } from '../normalise.js';
import { chatPurposeFor, PURPOSE_WORDS } from '../regions/purpose.js';
import type { ChatPurpose, Platform, RegionLevel, RoleName } from '../types.js';
import type { MemberKind } from '../meetings/quorum.js';

export type TableKind = 'regions' | 'roster' | 'council' | 'stations' | 'chats';

export interface Table {
  /** Sheet name, or the file name for CSV. */
  sheet: string;
  /** Spreadsheet row numbers (1-based) with their cells; the first row is the header. */
  rows: { row: number; cells: string[] }[];
}

export interface ImportError {
  sheet: string;
  row: number;
  reason: string;
}

export interface RegionRow {
  kind: 'region';
  sheet: string;
  row: number;
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  /** A village's planning technical unit (规划编制技术单位), when the sheet has the column. */
  planningUnit: string | null;
}

export interface PersonRow {
  kind: 'person';
  sheet: string;
  row: number;
  name: string;
  phone: string | null;
  /** 工号 in the organisation's directory: how Feishu, DingTalk or WeCom accounts are matched. */
  employeeNo: string | null;
  workUnit: string | null;
  /** Home village of a cadre or council member; the station's region for station staff. */
  homeCode: string;
  roles: RoleName[];
  /** Party member (党员) or villager representative (村民代表) of the home village: who votes at its meetings. */
  members: MemberKind[];
  /** Villages a station staff member is paired with (挂包联系), from the 挂包村 column. */
  pairs: string[];
}

/** A chat bound to a place, as 「绑定」 in that chat would bind it. */
export interface ChatRow {
  kind: 'chat';
  sheet: string;
  row: number;
  platform: Platform;
  chatId: string;
  title: string | null;
  regionCode: string;
  purpose: ChatPurpose;
}

export type ImportRow = RegionRow | PersonRow | ChatRow;

export interface RegionRef {
  code: string;
  name: string;
  fullName: string;
  level: RegionLevel;
  /** Known for stored regions and those the file adds; tells whether a village lies in a station's area. */
  parentCode?: string | null;
}

/** Regions already stored, by code and by (full) name. */
export interface RegionLookup {
  byCode(code: string): RegionRef | null;
  byName(name: string): RegionRef[];
}

/** Header words per column, synonyms included. A table is the kind whose required columns it has. */
const COLUMNS = {
  code: ['代码', '地区代码', '区划代码', '统计用区划代码'],
  name: ['名称', '地区名称', '地名'],
  level: ['级别', '层级', '类型'],
  parent: ['上级代码', '上级', '上级区划代码'],
  person: ['姓名', '名字'],
  phone: ['手机', '手机号', '手机号码', '电话', '联系电话'],
  unit: ['工作单位', '单位'],
  employeeNo: ['工号', '员工编号', '职工号'],
  home: ['家乡村', '家乡', '村', '村（社区）', '所在村'],
  role: ['角色', '身份', '职务'],
  party: ['党员', '是否党员', '中共党员'],
  representative: ['村民代表', '是否村民代表'],
  politics: ['政治面貌'],
  council: ['理事会', '理事会所在村', '所属理事会'],
  station: ['联络站', '联络服务站', '所属联络站'],
  planningUnit: ['规划编制技术单位', '编制单位', '规划编制单位', '技术单位'],
  platform: ['平台'],
  chat: ['群ID', '群号', '群聊ID', 'chat_id'],
  bindTo: ['绑定地区', '绑定到', '群所属地区'],
  purpose: ['用途', '群用途', '群类型'],
  title: ['群名', '群名称'],
  pairs: ['挂包村', '挂包联系村', '挂包联系', '挂包村（社区）'],
} as const;
type Column = keyof typeof COLUMNS;

const REQUIRED: Record<TableKind, Column[]> = {
  regions: ['code', 'name', 'level'],
  stations: ['station', 'person'],
  council: ['council', 'person'],
  roster: ['person', 'home'],
  chats: ['platform', 'chat', 'bindTo'],
};

const LEVEL_WORDS: Record<string, RegionLevel> = {
  市: 'city', 州: 'city', 地级市: 'city',
  县: 'county', 区: 'county', 县级市: 'county', '县（市、区）': 'county', 县区: 'county',
  乡: 'township', 镇: 'township', 乡镇: 'township', 街道: 'township', '乡镇（街道）': 'township',
  村: 'village', 社区: 'village', '村（社区）': 'village', 行政村: 'village',
};
const LEVEL_ORDER: RegionLevel[] = ['city', 'county', 'township', 'village'];

const ROLE_WORDS: Record<string, RoleName[]> = {
  回乡干部: ['cadre'],
  干部: ['cadre'],
  编制组组长: ['leader', 'cadre'],
  组长: ['leader', 'cadre'],
};

/** Words of the role cell that make someone part of a village's electorate rather than give a role. */
const MEMBER_WORDS: Record<string, MemberKind> = { 党员: 'party', 中共党员: 'party', 村民代表: 'representative', 代表: 'representative' };
const YES = /^(?:是|√|✓|✔|1|y|yes|true)$/iu;
const NO = /^(?:否|×|0|n|no|false)?$/iu;

function norm(s: string): string {
  return s.replace(/\s+/gu, '').replace(/\(/gu, '（').replace(/\)/gu, '）');
}

/** Which column index holds each known column, from the header cells. */
function columnsOf(header: readonly string[]): Partial<Record<Column, number>> {
  const out: Partial<Record<Column, number>> = {};
  header.forEach((h, i) => {
    const cell = norm(h);
    for (const [col, words] of Object.entries(COLUMNS) as [Column, readonly string[]][]) {
      if (out[col] === undefined && words.includes(cell)) out[col] = i;
    }
  });
  return out;
}

export function detectTable(header: readonly string[]): TableKind | null {
  const cols = columnsOf(header);
  for (const kind of ['regions', 'chats', 'stations', 'council', 'roster'] as const) {
    if (REQUIRED[kind].every((c) => cols[c] !== undefined)) return kind;
  }
  return null;
}

/** What a header must contain, for the message about a table nobody recognised. */
export const TABLE_HINT = '地区表要有“代码、名称、级别、上级代码”，名册要有“姓名、手机、工作单位、家乡村、角色”（可加“党员、村民代表”），理事会表要有“理事会、姓名、手机”，联络站表要有“联络站、姓名、手机、工作单位”（可加“挂包村”），群绑定表要有“平台、群ID、绑定地区”（可加“用途、群名”）';

/** What officials write in the 平台 column, to the platform names the registry uses. */
/** Words of the 平台 column (lower case) → platform name, as the platform registry gives them. */
export type PlatformWords = Readonly<Record<string, Platform>>;

const PHONE = /^1\d{10}$/u;
const CODE = /^\d{2,20}$/u;

export interface Validated {
  rows: ImportRow[];
  errors: ImportError[];
}

/**
 * Validates every table against the stored regions plus the regions the file itself adds.
 * Regions come first in the result, parents before children, so they can be written in order.
 */
export function validateTables(tables: readonly Table[], stored: RegionLookup, platformWords: PlatformWords): Validated {
  const errors: ImportError[] = [];
  const regionRows: RegionRow[] = [];
  const personRows: PersonRow[] = [];
  const fail = (sheet: string, row: number, reason: string) => errors.push({ sheet, row, reason });
  const typed: { kind: TableKind; table: Table; cols: Partial<Record<Column, number>> }[] = [];
  for (const table of tables) {
    const nonEmpty = table.rows.filter((r) => r.cells.some((c) => c.trim() !== ''));
    const head = nonEmpty[0];
    if (!head) continue;
    const kind = detectTable(head.cells);
    if (!kind) {
      fail(table.sheet, head.row, `认不出这是什么表。${TABLE_HINT}。`);
      continue;
    }
    typed.push({ kind, table: { sheet: table.sheet, rows: nonEmpty.slice(1) }, cols: columnsOf(head.cells) });
  }

  // Regions: read all, then check parents against the stored tree and the file.
  const fileRegions = new Map<string, RegionRow>();
  for (const { kind, table, cols } of typed) {
    if (kind !== 'regions') continue;
    for (const { row, cells } of table.rows) {
      const get = (c: Column) => (cols[c] === undefined ? '' : cleanText(cells[cols[c]!] ?? '').trim());
      const code = get('code');
      const name = get('name');
      const level = LEVEL_WORDS[norm(get('level'))];
      const parentCode = get('parent') || null;
      if (!CODE.test(code)) fail(table.sheet, row, `地区代码“${code}”应为数字`);
      else if (!name) fail(table.sheet, row, '缺少地区名称');
      else if (!level) fail(table.sheet, row, `级别“${get('level')}”应为 市、县、乡镇 或 村`);
      else if (level !== 'city' && !parentCode) fail(table.sheet, row, '缺少上级代码');
      else if (fileRegions.has(code)) fail(table.sheet, row, `地区代码 ${code} 与第 ${fileRegions.get(code)!.row} 行重复`);
      else fileRegions.set(code, { kind: 'region', sheet: table.sheet, row, code, name, level, parentCode, planningUnit: get('planningUnit') || null });
    }
  }
  const levelOf = (code: string): RegionLevel | null => fileRegions.get(code)?.level ?? stored.byCode(code)?.level ?? null;
  for (const r of fileRegions.values()) {
    if (!r.parentCode) continue;
    const parentLevel = levelOf(r.parentCode);
    if (!parentLevel) fail(r.sheet, r.row, `上级代码 ${r.parentCode} 不存在（表里和系统里都没有）`);
    else if (LEVEL_ORDER.indexOf(parentLevel) !== LEVEL_ORDER.indexOf(r.level) - 1) fail(r.sheet, r.row, `上级 ${r.parentCode} 的级别不对：${r.name}的上级应是${['', '市', '县', '乡镇'][LEVEL_ORDER.indexOf(r.level)]}`);
    else regionRows.push(r);
  }
  for (const r of fileRegions.values()) if (!r.parentCode) regionRows.push(r);
  regionRows.sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || a.row - b.row);

  // Places named in person rows: a code, a full name, or a name that is unique.
  const fileRefs = new Map<string, RegionRef>([...fileRegions.values()].map((r) => [r.code, { code: r.code, name: r.name, fullName: r.name, level: r.level, parentCode: r.parentCode }]));
  /** Is the village at or under the region, following parents through the file and the stored tree. */
  const under = (village: RegionRef, region: string): boolean => {
    let at: RegionRef | null = village;
    for (let hops = 0; at && hops < 6; hops++) {
      if (at.code === region) return true;
      const parent: string | null | undefined = at.parentCode;
      at = parent ? fileRefs.get(parent) ?? stored.byCode(parent) : null;
    }
    return false;
  };
  const place = (text: string, levels: readonly RegionLevel[]): { ok: true; ref: RegionRef } | { ok: false; reason: string } => {
    const t = text.trim();
    if (!t) return { ok: false, reason: '缺少地区' };
    const byCode = fileRefs.get(t) ?? stored.byCode(t);
    const found = byCode ? [byCode] : [...stored.byName(t), ...[...fileRefs.values()].filter((r) => r.name === t && !stored.byCode(r.code))];
    const fitting = found.filter((r) => levels.includes(r.level));
    if (fitting.length === 1) return { ok: true, ref: fitting[0]! };
    if (fitting.length > 1) return { ok: false, reason: `“${t}”有 ${fitting.length} 个同名地区，请写地区代码或带县乡的全称` };
    if (found.length > 0) return { ok: false, reason: `“${t}”不是${levels.map((l) => ({ city: '市', county: '县', township: '乡镇', village: '村' })[l]).join('或')}` };
    return { ok: false, reason: `找不到地区“${t}”` };
  };

  const chatRows: ChatRow[] = [];
  const seenChats = new Map<string, number>();
  for (const { kind, table, cols } of typed) {
    if (kind !== 'chats') continue;
    for (const { row, cells } of table.rows) {
      const get = (c: Column) => (cols[c] === undefined ? '' : (cells[cols[c]!] ?? '').trim());
      const platform = platformWords[get('platform').toLowerCase()] ?? null;
      const chatId = get('chat');
      const purposeWord = norm(get('purpose'));
      const wanted = purposeWord ? PURPOSE_WORDS[purposeWord] : null;
      if (!platform) {
        fail(table.sheet, row, `平台“${get('platform')}”不认识，可填：${Object.keys(platformWords).join('、')}`);
        continue;
      }
      if (!chatId) {
        fail(table.sheet, row, '缺少群ID（飞书群的 chat_id、钉钉群的 openConversationId、企业微信群的 chatid，或 Telegram 群的数字 ID）');
        continue;
      }
      if (wanted === undefined) {
        fail(table.sheet, row, `用途“${get('purpose')}”应为 编制组、理事会、联络站 或 专班，也可以不填`);
        continue;
      }
      const where = place(get('bindTo'), ['city', 'county', 'township', 'village']);
      if (!where.ok) {
        fail(table.sheet, row, where.reason);
        continue;
      }
      const purpose = chatPurposeFor(where.ref.level, wanted);
      if (!purpose) {
        fail(table.sheet, row, '理事会群只能绑定到村');
        continue;
      }
      const key = `${platform}|${chatId}`;
      const first = seenChats.get(key);
      if (first !== undefined) {
        fail(table.sheet, row, `这个群在第 ${first} 行已经绑定过`);
        continue;
      }
      seenChats.set(key, row);
      chatRows.push({ kind: 'chat', sheet: table.sheet, row, platform, chatId, title: get('title') || null, regionCode: where.ref.code, purpose });
    }
  }

  const seen = new Map<string, { sheet: string; row: number }>();
  for (const { kind, table, cols } of typed) {
    if (kind === 'regions' || kind === 'chats') continue;
    for (const { row, cells } of table.rows) {
      const get = (c: Column) => (cols[c] === undefined ? '' : cleanText(cells[cols[c]!] ?? '').trim());
      const name = cleanName(get('person'));
      const phone = get('phone').replace(/[\s-]/gu, '') || null;
      const employeeNo = get('employeeNo') || null;
      const workUnit = get('unit') || null;
      if (!name) {
        fail(table.sheet, row, '缺少姓名');
        continue;
      }
      if (Array.from(name).length > 20) {
        fail(table.sheet, row, `姓名“${name}”太长`);
        continue;
      }
      if (phone && !PHONE.test(phone)) {
        fail(table.sheet, row, `手机号“${get('phone')}”应为 11 位数字`);
        continue;
      }
      let roles: RoleName[];
      let where: ReturnType<typeof place>;
      const members = new Set<MemberKind>();
      if (kind === 'roster') {
        // 「回乡干部、党员」, or 「村民代表」 alone for someone outside the cadre roster.
        const words = get('role').split(/[、,，/\s]+/u).map(norm).filter(Boolean);
        const r = new Set<RoleName>(words.length === 0 ? ['cadre'] : []);
        const unknown = words.filter((w) => {
          if (ROLE_WORDS[w]) for (const x of ROLE_WORDS[w]) r.add(x);
          else if (MEMBER_WORDS[w]) members.add(MEMBER_WORDS[w]);
          else return true;
          return false;
        });
        if (unknown.length > 0) {
          fail(table.sheet, row, `角色“${get('role')}”应为 回乡干部、编制组组长、党员 或 村民代表`);
          continue;
        }
        let flagsOk = true;
        for (const col of ['party', 'representative'] as const) {
          const v = get(col);
          if (YES.test(v)) members.add(col);
          else if (!NO.test(v)) {
            fail(table.sheet, row, `“${COLUMNS[col][0]}”一栏应填 是 或 否，不是“${v}”`);
            flagsOk = false;
          }
        }
        if (!flagsOk) continue;
        // 预备党员 have no vote yet: only full members count.
        if (/^(?:中共|中国共产党)?党员$/u.test(norm(get('politics')))) members.add('party');
        roles = [...r];
        where = place(get('home'), ['village']);
      } else if (kind === 'council') {
        roles = ['council'];
        where = place(get('council'), ['village']);
      } else {
        where = place(get('station'), ['county', 'township']);
        roles = where.ok ? [where.ref.level === 'county' ? 'county_station' : 'township_station'] : [];
      }
      if (!where.ok) {
        fail(table.sheet, row, where.reason);
        continue;
      }
      const pairs: string[] = [];
      const pairWords = kind === 'stations' ? get('pairs').split(/[、,，;；\s]+/u).filter(Boolean) : [];
      const badPair = pairWords.map((w) => {
        const v = place(w, ['village']);
        if (!v.ok) return `挂包村：${v.reason}`;
        if (!under(v.ref, where.ref.code)) return `挂包村“${w}”不在${where.ref.name}的范围内`;
        pairs.push(v.ref.code);
        return null;
      }).find((r) => r !== null);
      if (badPair) {
        fail(table.sheet, row, badPair);
        continue;
      }
      // The person's natural key: name and phone, or name and home place when no phone is given.
      const key = `${kind}|${name}|${phone ?? where.ref.code}`;
      const first = seen.get(key);
      if (first) {
        fail(table.sheet, row, `与${first.sheet}第 ${first.row} 行是同一人`);
        continue;
      }
      seen.set(key, { sheet: table.sheet, row });
      personRows.push({ kind: 'person', sheet: table.sheet, row, name, phone, employeeNo, workUnit, homeCode: where.ref.code, roles, members: [...members], pairs });
    }
  }
  const failed = new Set(errors.map((e) => `${e.sheet}\u0000${e.row}`));
  // A region row whose parent failed cannot be written either.
  const okRegions = new Set<string>();
  const regions = regionRows.filter((r) => {
    const parentOk = !r.parentCode || okRegions.has(r.parentCode) || !fileRegions.has(r.parentCode);
    if (parentOk && !failed.has(`${r.sheet}\u0000${r.row}`)) okRegions.add(r.code);
    else if (!parentOk) fail(r.sheet, r.row, `上级 ${r.parentCode} 这一行有错，本行也不能导入`);
    return okRegions.has(r.code);
  });
  const persons: PersonRow[] = [];
  for (const p of personRows) {
    if (!fileRegions.has(p.homeCode) || okRegions.has(p.homeCode)) persons.push(p);
    else fail(p.sheet, p.row, `所在地区 ${p.homeCode} 那一行有错，本行也不能导入`);
  }
  const boundChats: typeof chatRows = [];
  for (const c of chatRows) {
    if (!fileRegions.has(c.regionCode) || okRegions.has(c.regionCode)) boundChats.push(c);
    else fail(c.sheet, c.row, `所在地区 ${c.regionCode} 那一行有错，本行也不能导入`);
  }
  errors.sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row);
  return { rows: [...regions, ...persons, ...boundChats], errors };
}
