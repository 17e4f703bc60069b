import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';

describe('configuration', () => {
  it('defaults to local mode with the console on', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({ PORT: 8787, HOST: '127.0.0.1', DATABASE_PATH: './data/guixiang.db', BOT_TIMEZONE: 'Asia/Shanghai', localMode: true, devConsole: true, ADMINS: [] });
  });

  it('parses ADMINS', () => {
    expect(parseConfig({ ADMINS: 'telegram:12345, lark:ou_abc' }).ADMINS).toEqual([
      { platform: 'telegram', userId: '12345' },
      { platform: 'lark', userId: 'ou_abc' },
    ]);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ BOT_TIMEZONE: 'Mars/Olympus' }, 'BOT_TIMEZONE'],
    [{ ADMINS: 'wechat:1' }, 'ADMINS'],
    [{ TELEGRAM_BOT_TOKEN: '1:x', DASHBOARD_SECRET: 'config-test-dashboard-secret' }, 'TELEGRAM_WEBHOOK_SECRET'],
    [{ TELEGRAM_BOT_TOKEN: '1:x', TELEGRAM_WEBHOOK_SECRET: 'abc' }, 'DASHBOARD_SECRET'],
    [{ LARK_APP_ID: 'cli_x', LARK_APP_SECRET: 's', LARK_ENCRYPT_KEY: 'k' }, 'DASHBOARD_SECRET'],
    [{ LARK_APP_ID: 'cli_x', DASHBOARD_SECRET: 'config-test-dashboard-secret' }, 'LARK_APP_SECRET'],
    [{ LARK_DOMAIN: 'not a url' }, 'LARK_DOMAIN'],
    [{ TELEGRAM_BOT_INFO: '{oops' }, 'TELEGRAM_BOT_INFO'],
  ])('refuses %j naming %s', (env, name) => {
    expect(() => parseConfig(env)).toThrow(new RegExp(`^Invalid configuration:\\n  ${name}: `));
  });

  it('leaves local mode when a platform is configured; DEV_CONSOLE=1 keeps the console', () => {
    const env = { TELEGRAM_BOT_TOKEN: '1:x', TELEGRAM_WEBHOOK_SECRET: 'abc', DASHBOARD_SECRET: 'config-test-dashboard-secret' };
    expect(parseConfig(env)).toMatchObject({ localMode: false, devConsole: false });
    expect(parseConfig({ ...env, DEV_CONSOLE: '1' })).toMatchObject({ localMode: false, devConsole: true });
  });
});
