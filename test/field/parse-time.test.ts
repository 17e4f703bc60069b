import { describe, expect, it } from 'vitest';
import { parseWhen } from '../../src/domain/meetings/index.js';

// Tuesday 2026-12-01 10:00 in Beijing.
const NOW = new Date('2026-12-01T02:00:00Z');
const TZ = 'Asia/Shanghai';

/**
 * How organisers type meeting times, with the programme's own titles after them. A title that
 * begins with a numeral (三级, 二组, 五个一) is never read as minutes.
 */
const CASES: [input: string, at: string, title: string, ambiguity: 'hour-without-period' | null][] = [
  ['周五下午3点 三级联席会议', '2026-12-04T07:00:00.000Z', '三级联席会议', null],
  ['周五下午3点三级联席会议', '2026-12-04T07:00:00.000Z', '三级联席会议', null],
  ['下午3点 三级联席会议', '2026-12-01T07:00:00.000Z', '三级联席会议', null],
  ['周五下午3点 二组群众座谈会', '2026-12-04T07:00:00.000Z', '二组群众座谈会', null],
  ['明天上午10点 五个一推进会', '2026-12-02T02:00:00.000Z', '五个一推进会', null],
  ['明天上午10点五个一推进会', '2026-12-02T02:00:00.000Z', '五个一推进会', null],
  ['12月5号下午3点 第三次村民代表会议', '2026-12-05T07:00:00.000Z', '第三次村民代表会议', null],
  ['明早九点 村民恳谈会', '2026-12-02T01:00:00.000Z', '村民恳谈会', null],
  ['明晚8点 党员大会', '2026-12-02T12:00:00.000Z', '党员大会', null],
  ['今晚7点 座谈会', '2026-12-01T11:00:00.000Z', '座谈会', null],
  ['下周三下午两点半 联席会议', '2026-12-09T06:30:00.000Z', '联席会议', null],
  ['后天晚上7点半 党员大会', '2026-12-03T11:30:00.000Z', '党员大会', null],
  ['周五14:30 座谈会', '2026-12-04T06:30:00.000Z', '座谈会', null],
  ['周五下午3点半 三级联席会议', '2026-12-04T07:30:00.000Z', '三级联席会议', null],
  ['周五下午三点十分 三级联席会议', '2026-12-04T07:10:00.000Z', '三级联席会议', null],
  ['周五下午3点20 三级联席会议', '2026-12-04T07:20:00.000Z', '三级联席会议', null],
  // No morning or afternoon: read as written and the organiser is asked to confirm.
  ['十点半 座谈会', '2026-12-01T02:30:00.000Z', '座谈会', 'hour-without-period'],
];

describe('meeting times never eat the title', () => {
  it.each(CASES)('%s', (input, at, title, ambiguity) => {
    const r = parseWhen(input, NOW, TZ);
    expect(r).toEqual({ ok: true, at: Date.parse(at), rest: title, ambiguity });
  });
});
