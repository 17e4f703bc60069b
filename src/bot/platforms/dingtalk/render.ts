import type { StoredPayload } from '../../../db/repo/outbox.js';
import { dingtalkMsg } from './messages.js';
import { larkMsg } from '../lark/messages.js';
import type { Button } from '../../../domain/types.js';
import { splitOnLines } from '../telegram/html.js';
import { isGroupChat } from './ids.js';

/** One robot message: a template key and its parameters (the robot send APIs' msgKey / msgParam). */
export interface RobotMessageBody {
  msgKey: string;
  msgParam: Record<string, string>;
}

/**
 * msgParam may be at most 15,000 bytes (groupMessages/send docs). Chinese takes three bytes a
 * character in UTF-8 and JSON escaping adds some, so a part holds at most 4,000 characters.
 */
export const PART_CHARS = 4_000;

/**
 * A link that, tapped in DingTalk, sends `content` as the person's own message. Robot cards can
 * only open links (callbacks need an interactive card template), so a button sends 「点选 value」
 * and the adapter reads that back as the press.
 */
export function pressLink(value: string): string {
  return `dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent(`${dingtalkMsg.pressWord} ${value}`)}`;
}

/** DingTalk markdown treats these as syntax; people's words must show as typed. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]#>|~])/gu, '\\$1').replace(/\n/gu, '  \n');
}

/** The words of a payload: the text, the chart as lines when no picture of it goes out, the mentions by name. */
export function wordsOf(p: StoredPayload, chartAsPicture: boolean): string {
  const parts = [p.text];
  if (p.chart && !chartAsPicture) parts.push(larkMsg.chartText(p.chart));
  // The robot send APIs cannot @ people; names at least tell them it is for them.
  if (p.mentions?.length) parts.push(p.mentions.map((m) => `@${m.name}`).join(' '));
  return parts.filter((s) => s.trim() !== '').join('\n');
}

function cardOf(title: string, markdown: string, buttons: Button[]): RobotMessageBody {
  if (buttons.length === 1) {
    return { msgKey: 'sampleActionCard', msgParam: { title, text: markdown, singleTitle: buttons[0]!.label, singleURL: pressLink(buttons[0]!.value) } };
  }
  // sampleActionCard2 … sampleActionCard5 carry two to five buttons.
  const msgParam: Record<string, string> = { title, text: markdown };
  buttons.forEach((b, i) => {
    msgParam[`actionTitle${i + 1}`] = b.label;
    msgParam[`actionURL${i + 1}`] = pressLink(b.value);
  });
  return { msgKey: `sampleActionCard${buttons.length}`, msgParam };
}

/**
 * The text messages of a payload, in order. Plain words go as sampleText; a title makes it
 * sampleMarkdown; buttons make the last part an action card (more than five become links in the
 * markdown). In a group the card also says how to press by typing, since a tapped button sends an
 * ordinary message there, which DingTalk delivers to the robot only when it @s the robot.
 */
export function textMessages(p: StoredPayload, chatId: string, chartAsPicture: boolean): RobotMessageBody[] {
  const words = wordsOf(p, chartAsPicture);
  const buttons = (p.buttons ?? []).flat();
  const title = p.title ?? dingtalkMsg.defaultTitle;
  const parts = words.trim() ? splitOnLines(words, PART_CHARS, PART_CHARS) : [];
  const out = parts.map((part, i): RobotMessageBody => {
    if (!p.title) return { msgKey: 'sampleText', msgParam: { content: part } };
    return { msgKey: 'sampleMarkdown', msgParam: { title, text: `${i === 0 ? `#### ${escapeMarkdown(title)}\n\n` : ''}${escapeMarkdown(part)}` } };
  });
  if (buttons.length === 0) return out;
  const last = out.pop();
  const lastText = last ? (last.msgKey === 'sampleText' ? escapeMarkdown(last.msgParam.content ?? '') : (last.msgParam.text ?? '')) : '';
  const hint = isGroupChat(chatId) ? `\n\n${escapeMarkdown(dingtalkMsg.groupButtonHint(buttons.map((b) => b.value)))}` : '';
  if (buttons.length <= 5) {
    out.push(cardOf(title, `${lastText}${hint}`, buttons));
  } else {
    const links = buttons.map((b) => `- [${escapeMarkdown(b.label)}](${pressLink(b.value)})`).join('\n');
    out.push({ msgKey: 'sampleMarkdown', msgParam: { title, text: `${lastText}\n\n${links}${hint}` } });
  }
  return out;
}

/** A file's type as sampleFile names it: its extension. */
export function fileTypeOf(fileName: string): string {
  return (fileName.toLowerCase().split('.').pop() ?? 'file').slice(0, 10);
}
