import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config.js';

describe('parseConfig on Workers', () => {
  it('refuses Telegram long polling and the Feishu long connection, naming what to set instead', () => {
    expect(() => parseConfig({ TELEGRAM_MODE: 'polling' }, { runtime: 'workers' })).toThrow(
      'Invalid configuration:\n  TELEGRAM_MODE: polling needs a long-running Node process; on Workers set it to webhook (or leave it unset) and run npm run telegram:setup',
    );
    expect(() => parseConfig({ LARK_MODE: 'ws' }, { runtime: 'workers' })).toThrow(
      'Invalid configuration:\n  LARK_MODE: ws (long connection) needs a long-running Node process; on Workers set it to webhook (or leave it unset) and point the Feishu event URL at /webhook/lark',
    );
  });

  it('accepts the same settings on Node, and webhooks on Workers', () => {
    expect(parseConfig({ TELEGRAM_MODE: 'polling', LARK_MODE: 'ws' })).toMatchObject({ TELEGRAM_MODE: 'polling', LARK_MODE: 'ws' });
    expect(parseConfig({ TELEGRAM_MODE: 'polling' }, { runtime: 'node' })).toMatchObject({ TELEGRAM_MODE: 'polling' });
    expect(parseConfig({}, { runtime: 'workers' })).toMatchObject({ TELEGRAM_MODE: 'webhook', LARK_MODE: 'webhook', localMode: true });
  });
});
