import { describe, expect, it } from 'vitest';
import { DEMO, say, testBot } from './support/bot.js';

describe('local console smoke', () => {
  it('records a suggestion with its number and five-ones progress', async () => {
    const bot = await testBot();
    const r = await say(bot, DEMO.zhang, '建议：村口道路需要硬化');
    expect(r.status).toBe(200);
    expect(r.texts).toEqual([
      '已记录 建议#1（江川区江城镇温泉村）。\n五个一进度 1/5：⬜乡情恳谈 ⬜实地走访 ✅中肯建议 ⬜为民实事 ⬜村规民约',
    ]);
  });
});
