import { describe, expect, it } from 'vitest';
import { DEMO, say, testBot } from '../support/bot.js';
import { replyTo, rows, sentTo } from './support.js';

const STATION = { ...DEMO.township, chatId: 'jiangcheng-station' };
const RELAYED = ['干部咨询 问#1（江川区江城镇温泉村 张卫东）：', '宅基地审批要准备哪些材料？', '请直接回复本消息，或发送「答复 问#1 答复内容」。'].join('\n');

describe('/ask 咨询 and the station’s answer', () => {
  it('relays the question to the township station and a reply to it back to the cadre', async () => {
    const bot = await testBot();
    expect((await say(bot, DEMO.zhang, '咨询 宅基地审批要准备哪些材料？')).texts).toEqual(['已把您的咨询（问#1）转给江城镇联络服务站，答复会发到这里。']);
    const relayed = sentTo(bot, 'jiangcheng-station');
    expect(relayed.map((m) => [m.key, m.payload.text, m.state])).toEqual([['ask:1:local:jiangcheng-station', RELAYED, 'sent']]);
    expect(rows(bot, 'select id, region_code, person_id, question, chat_id, status from asks')).toEqual([
      { id: 1, region_code: '530403101208', person_id: 'demo-cadre-zhang', question: '宅基地审批要准备哪些材料？', chat_id: 'wenquan-village', status: 'open' },
    ]);

    // A station member replies to the relayed message (its platform id was stored when it was sent).
    const ack = await replyTo(bot, STATION, relayed[0]!.sentMessageId!, '带户口本、身份证和用地申请表到镇自然资源所办理。');
    expect(ack).toEqual(['已把答复转给 张卫东（问#1）。']);
    expect(sentTo(bot, 'wenquan-village').at(-1)!.payload.text).toBe(
      '张卫东，您的咨询 问#1「宅基地审批要准备哪些材料？」有答复了：\n带户口本、身份证和用地申请表到镇自然资源所办理。\n——赵强（江城镇联络服务站）',
    );
    expect(rows(bot, 'select ask_id, answer, actor_name, via from ask_answers')).toEqual([
      { ask_id: 1, answer: '带户口本、身份证和用地申请表到镇自然资源所办理。', actor_name: '赵强', via: 'reply' },
    ]);
    expect(rows(bot, 'select status from asks')).toEqual([{ status: 'answered' }]);
  });

  it('takes 「答复 问#N」 where replies are not available, and ignores replies to other messages', async () => {
    const bot = await testBot();
    await say(bot, { ...DEMO.wang, chatId: 'private-wang', chatType: 'private' }, '咨询：村里想办合作社，找哪个部门？');
    expect(await replyTo(bot, STATION, 'local:some-other-message', '收到')).toEqual([]);
    expect((await say(bot, STATION, '答复 问#1 找镇农业农村服务中心，电话 0877-1234567')).texts).toEqual(['已把答复转给 王海（问#1）。']);
    expect(sentTo(bot, 'private-wang').at(-1)!.payload.text).toBe(
      '王海，您的咨询 问#1「村里想办合作社，找哪个部门？」有答复了：\n找镇农业农村服务中心，电话 0877-1234567\n——赵强（江城镇联络服务站）',
    );
    expect(rows(bot, 'select via from ask_answers')).toEqual([{ via: 'command' }]);
  });

  it('refuses bad input and answers from outside the area, writing nothing', async () => {
    const bot = await testBot();
    expect((await say(bot, DEMO.zhang, '咨询')).texts).toEqual(['请把问题写在后面，例如「咨询 宅基地审批要准备哪些材料？」。']);
    // 文山村's township has no bound station chat.
    expect((await say(bot, { ...DEMO.pu, chatId: 'wenshan-village' }, '咨询 怎么申请补助')).texts).toEqual([
      '岔河乡联络服务站还没有绑定群，暂时转不过去。请联系乡镇联络站在站群里发送「绑定 岔河乡」。',
    ]);
    await say(bot, DEMO.zhang, '咨询 宅基地审批要准备哪些材料？');
    const relayed = sentTo(bot, 'jiangcheng-station')[0]!;
    expect((await say(bot, { ...DEMO.lvzhi, chatId: 'lvzhi-station' }, '答复 问#1 不知道')).texts).toEqual(['江川区江城镇温泉村不在您负责的范围内。']);
    expect(await replyTo(bot, { ...DEMO.zhang, chatId: 'jiangcheng-station' }, relayed.sentMessageId!, '我也想知道')).toEqual([
      '您没有使用「答复」的权限。发送「帮助」查看您能用的命令。',
    ]);
    expect((await say(bot, STATION, '答复 问#9 好')).texts).toEqual(['没有找到问#9。']);
    expect((await say(bot, STATION, '答复 问#1')).texts).toEqual(['答复内容是空的，请写「答复 问#1 答复内容」。']);
    expect((await say(bot, STATION, '答复 你好')).texts).toEqual(['请这样写：「答复 问#3 答复内容」。']);
    expect((await say(bot, DEMO.council, '咨询 理事会能不能申请经费？')).texts).toEqual(['已把您的咨询（问#2）转给江城镇联络服务站，答复会发到这里。']);
    expect(rows(bot, 'select count(*) as n from ask_answers')).toEqual([{ n: 0 }]);
    expect(rows(bot, 'select id, status from asks order by id')).toEqual([
      { id: 1, status: 'open' },
      { id: 2, status: 'open' },
    ]);
  });
});
