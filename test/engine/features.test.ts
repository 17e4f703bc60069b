import { describe, expect, it } from 'vitest';
import { mergeRoutes } from '../../src/bot/engine/router.js';
import { allFeatures } from '../../src/bot/features/index.js';
import { help } from '../../src/bot/features/core/help.js';
import { parseConfig } from '../../src/config.js';
import { openSqliteStore } from '../../src/db/sqlite.js';
import { fixedClock } from '../support/bot.js';

const features = () =>
  allFeatures({
    config: parseConfig({ DATABASE_PATH: ':memory:' }),
    store: openSqliteStore(':memory:'),
    clock: fixedClock(),
    labels: { labelOf: (p) => p, othersOf: () => [] },
    buildLedger: undefined,
  });

describe('features', () => {
  it('register every command, button prefix and conversation kind once', () => {
    const routes = mergeRoutes(features());
    expect(Object.keys(routes.commands).sort()).toEqual(
      ['answer', 'approve', 'ask', 'bind', 'dashboard', 'deed', 'export', 'forward', 'help', 'join', 'leave', 'link', 'list', 'me', 'meeting', 'member', 'problem', 'proxy', 'reject', 'review', 'rule', 'second', 'signin', 'stats', 'suggest', 'visit', 'vote', 'whoami', 'meeting_cancel', 'meeting_move', 'pause', 'resume', 'talk', 'unit', 'assign', 'close', 'confirm', 'pair', 'unpair'].sort(),
    );
    expect(Object.keys(routes.buttons).sort()).toEqual(['approve', 'bind', 'list', 'mtg', 'reject', 'review', 'second', 'signin', 'suggest-anyway', 'vote']);
    expect(Object.keys(routes.conversations).sort()).toEqual(['bind-choice', 'record', 'suggest-similar']);
  });

  it('are refused at start-up when two register the same command, naming both', () => {
    expect(() => mergeRoutes([...features(), { name: 'extra', routes: { commands: { help } } }])).toThrow(
      'command /help is registered twice: by features/core and by features/extra',
    );
  });

  it('are refused at start-up when two register the same button prefix or conversation kind', () => {
    const press = async () => ({ statements: [], messages: [] });
    expect(() => mergeRoutes([...features(), { name: 'extra', routes: { buttons: { signin: press } } }])).toThrow(
      'button prefix "signin" is registered twice: by features/meetings and by features/extra',
    );
    expect(() => mergeRoutes([...features(), { name: 'extra', routes: { conversations: { record: press } } }])).toThrow(
      'conversation kind "record" is registered twice: by features/suggestions and by features/extra',
    );
  });

  it('give the scheduler their jobs in tick order: meetings, station reports, five-ones nudges, paired contacts\' summaries', () => {
    expect(features().flatMap((f) => (f.jobs ?? []).map((j) => j.name))).toEqual(['meetings', 'reports', 'five-ones nudges', 'pair summaries']);
  });
});
