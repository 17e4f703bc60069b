import { encryptEvent, eventSignature } from '../../../src/bot/platforms/lark/crypto.js';
import { SECRET_HEADER } from '../../../src/bot/platforms/telegram/webhook.js';
import { APP_ID, ENCRYPT_KEY, textEvent } from '../../lark/support.js';
import { SECRET } from '../../telegram/support/telegram-bot.js';
import { loadCadre, type RosterShape } from './roster.js';

// Common Han characters that name nothing a suggestion asks for: texts drawn from them share no
// concept of the similar-suggestion lexicon, so none is taken for a repeat of another (which would
// answer with "similar suggestions" instead of filing).
const HAN = '春夏秋冬日月星云风金木火红黄蓝白青紫甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥琴棋诗梅兰竹菊松鹤凤虎豹鹰燕雁莺蝶蛙'.split('');

/** A suggestion text that is the n-th of its kind and unlike the others. */
export function suggestionText(n: number): string {
  let x = (n + 1) * 2654435761;
  const out: string[] = [];
  for (let i = 0; i < 10; i++) {
    x = (x ^ (x >>> 13)) * 1274126177;
    x = (x ^ (x >>> 16)) >>> 0;
    out.push(HAN[x % HAN.length]!);
  }
  return `第${n}条：${out.join('')}`;
}

/** Telegram's `/suggest` from the n-th load cadre, in that cadre's village group. */
export function suggestUpdate(n: number, shape: RosterShape, updateBase = 810_000_000) {
  const cadre = loadCadre(n % shape.cadres, shape);
  return {
    update_id: updateBase + n,
    message: {
      // Distinct per update, so each reply can be matched to the update it answers.
      message_id: 100_000 + n,
      from: { id: cadre.telegramId, is_bot: false, first_name: cadre.name },
      chat: { id: cadre.village.telegramGroup, title: `${cadre.village.name}规划编制组`, type: 'supergroup' },
      date: 1796090400,
      text: `/suggest ${suggestionText(n)}`,
      entities: [{ offset: 0, length: '/suggest'.length, type: 'bot_command' }],
    },
  };
}

export function telegramHeaders(secret: string = SECRET): Record<string, string> {
  return { 'content-type': 'application/json', [SECRET_HEADER]: secret };
}

/** Feishu's 「建议」 from the n-th load cadre in that cadre's village group, as a plain 2.0 event. */
export function larkSuggestEvent(n: number, shape: RosterShape, eventBase = 'evt-load') {
  const cadre = loadCadre(n % shape.cadres, shape);
  return textEvent(`${eventBase}-${n}`, cadre.larkId, `建议 ${suggestionText(n)}`, { chatId: cadre.village.larkGroup, messageId: `om_load_${n}` });
}

/** The request Feishu sends for `body`: encrypted with the app's key and signed at `nowMs`. */
export function signedLarkRequest(body: unknown, nowMs: number, options: { nonce?: string; encryptKey?: string } = {}) {
  const key = options.encryptKey ?? ENCRYPT_KEY;
  const raw = JSON.stringify({ encrypt: encryptEvent(key, JSON.stringify(body)) });
  const timestamp = String(Math.floor(nowMs / 1000));
  const nonce = options.nonce ?? `nonce-${Math.floor(nowMs % 1e9)}`;
  return {
    body: raw,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': eventSignature(timestamp, nonce, key, raw),
    } as Record<string, string>,
  };
}

export { APP_ID, ENCRYPT_KEY };
