import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseWecomPush, stripLeadingMentions } from '../../src/bot/platforms/wecom/parse.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
const NOW = Date.parse('2026-12-01T02:00:00Z');

describe('WeCom pushes become the one internal event', () => {
  it('a group @-message: the mention dropped, the chat the group, the sender the userid, msgid the dedupe key', () => {
    expect(parseWecomPush(fixture('text-group'), NOW)).toEqual({
      kind: 'event',
      responseUrl: 'https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RESPONSECODE',
      event: {
        platform: 'wecom',
        eventId: 'CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=',
        chat: { platform: 'wecom', chatId: 'wrkSFfCgAAtestgroup', threadId: null, type: 'group' },
        sender: { userId: 'zhangweidong', displayName: 'zhangweidong' },
        at: new Date(1796090400_000),
        payload: { type: 'message', text: '帮助', messageId: 'CAIQ16HMjQYY/NGagIOAgAMgq4KM0AI=' },
      },
    });
  });

  it('a private message is in the person’s private chat (u:<userid>), stamped now when WeCom gives no time', () => {
    const parsed = parseWecomPush({ ...fixture('text-single'), create_time: undefined }, NOW);
    expect(parsed).toMatchObject({ kind: 'event', event: { chat: { chatId: 'u:zhangweidong', type: 'private' }, at: new Date(NOW), payload: { text: '我的' } } });
  });

  it('text and pictures together keep the picture as evidence; a voice message is its recognised text', () => {
    expect(parseWecomPush(fixture('mixed-group'), NOW)).toMatchObject({
      event: { payload: { type: 'message', text: '实事 修好了村口的路灯', attachments: [{ kind: 'photo', fileId: expect.stringContaining('myqcloud.com') }] } },
    });
    expect(parseWecomPush(fixture('voice-single'), NOW)).toMatchObject({ event: { payload: { type: 'message', text: '走访 今天走访了三户' } } });
  });

  it('a template-card click is a button press with the button’s key', () => {
    expect(parseWecomPush(fixture('card-click'), NOW)).toMatchObject({ kind: 'event', event: { eventId: 'CAIQ16HMjQYY/card-1', payload: { type: 'button', value: 'signin:1' } } });
  });

  it('ignores what the pipeline has no use for, and malformed pushes, without throwing', () => {
    expect(parseWecomPush(fixture('enter-chat'), NOW)).toEqual({ kind: 'ignored', reason: 'event enter_chat' });
    expect(parseWecomPush({}, NOW)).toMatchObject({ kind: 'ignored' });
    expect(parseWecomPush({ msgid: 'x', from: { userid: 'u' }, chattype: 'group' }, NOW)).toMatchObject({ kind: 'ignored' });
    expect(parseWecomPush({ msgid: 'x', from: { userid: 'u' }, chattype: 'single', msgtype: 'text', text: { content: 42 } }, NOW)).toMatchObject({ kind: 'ignored' });
    expect(parseWecomPush({ msgid: 'x', from: { userid: 'u' }, chattype: 'single', msgtype: 'mixed', mixed: { msg_item: [null, 3] } }, NOW)).toMatchObject({ kind: 'event', event: { payload: { text: '' } } });
  });

  it('drops only leading mentions: people named later in the text stay', () => {
    expect(stripLeadingMentions('@归乡 @小助手  建议 请@王海 跟进')).toBe('建议 请@王海 跟进');
    expect(stripLeadingMentions('建议 修路')).toBe('建议 修路');
  });
});
