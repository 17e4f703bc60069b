import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { DEMO, say, testBot } from '../support/bot.js';
import { rows, sentTo } from './support.js';

const unescapeXml = (s: string) => s.replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&quot;/gu, '"').replace(/&amp;/gu, '&');
const textOf = (xml: string) => [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/gu)].map((m) => unescapeXml(m[1]!)).join('');

/** Reads a .docx back: the paragraphs outside the table and the table's rows of cell texts. */
async function readDocx(base64: string) {
  const zip = await JSZip.loadAsync(base64, { base64: true });
  expect(Object.keys(zip.files).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
  const xml = await zip.file('word/document.xml')!.async('string');
  const table = /<w:tbl>[\s\S]*<\/w:tbl>/u.exec(xml)![0];
  const outside = xml.replace(table, '');
  return {
    paragraphs: [...outside.matchAll(/<w:p>([\s\S]*?)<\/w:p>/gu)].map((m) => textOf(m[1]!)),
    table: [...table.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/gu)].map((r) => [...r[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/gu)].map((c) => textOf(c[1]!))),
  };
}

describe('/forward 转交', () => {
  it('produces the .docx of the village’s adopted suggestions and marks them forwarded', async () => {
    const bot = await testBot();
    await say(bot, DEMO.zhang, '建议 村口道路需要硬化，雨天泥泞 & 积水');
    await say(bot, DEMO.wang, '建议 发展温泉民宿旅游');
    await say(bot, DEMO.leader, '建议 建设村史馆 <保存老物件>');
    await say(bot, DEMO.leader, '附议 建议#1');
    bot.clock.advance(86_400_000);
    await say(bot, DEMO.leader, '审核 建议#1 采纳 村民代表会议通过');
    await say(bot, DEMO.leader, '审核 建议#3 采纳');
    await say(bot, DEMO.leader, '审核 建议#2 不采纳');
    bot.clock.advance(86_400_000);
    const r = await say(bot, DEMO.leader, '转交');
    expect(r.texts).toEqual([
      '江川区江城镇温泉村已采纳建议转交文件已生成，共 2 条（本次新转交 2 条），请把文件发给规划编制技术单位。',
      // 公示 in the village group, which here is the chat it was asked in.
      '【公示】江川区江城镇温泉村以下 2 条建议已采纳并转交规划编制技术单位，将在村庄规划编制中研究吸收：\n· 建议#1「村口道路需要硬化，雨天泥泞 & 积水」（提出人：张卫东）\n· 建议#3「建设村史馆 <保存老物件>」（提出人：杨建国）',
    ]);
    const file = sentTo(bot, 'wenquan-village').filter((m) => m.payload.attachment).at(-1)!.payload.attachment!;
    expect(file.fileName).toBe('江川区江城镇温泉村-已采纳建议转交单-2026-12-03.docx');
    expect(file.mime).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    const doc = await readDocx(file.dataBase64);
    expect(doc.paragraphs).toEqual([
      '江川区江城镇温泉村已采纳建议转交单',
      '致：村庄规划编制技术单位',
      '以下 2 条建议由回乡干部提出，已经江川区江城镇温泉村村民（代表）会议或党员大会同意采纳，请在村庄规划编制中研究吸收。',
      '联系人：杨建国　联系电话：13908770004',
      '出具单位：江川区江城镇联络服务站（盖章）',
      '2026-12-03',
    ]);
    expect(doc.table).toEqual([
      ['序号', '编号', '建议内容', '类别', '提出人', '工作单位', '附议', '采纳日期', '采纳会议及表决', '审核意见'],
      ['1', '建议#1', '村口道路需要硬化，雨天泥泞 & 积水', '基础设施', '张卫东', '玉溪市交通运输局', '1', '2026-12-02', '未在本系统表决', '村民代表会议通过'],
      ['2', '建议#3', '建设村史馆 <保存老物件>', '文化旅游', '杨建国', '江川区自然资源局', '0', '2026-12-02', '未在本系统表决', ''],
    ]);
    expect(rows(bot, "select seq, status from records where kind = 'suggestion' order by seq")).toEqual([
      { seq: 1, status: 'forwarded' },
      { seq: 2, status: 'rejected' },
      { seq: 3, status: 'forwarded' },
    ]);
    expect(rows(bot, "select action, from_status, to_status, actor_name from record_history where action = 'forward'")).toEqual([
      { action: 'forward', from_status: 'adopted', to_status: 'forwarded', actor_name: '杨建国' },
      { action: 'forward', from_status: 'adopted', to_status: 'forwarded', actor_name: '杨建国' },
    ]);
    // A later document is the complete list again; only the new one is newly forwarded.
    await say(bot, DEMO.leader, '审核 建议#2 采纳 复议');
    const again = await say(bot, { ...DEMO.township, chatId: 'jiangcheng-station' }, '转交 温泉村');
    expect(again.texts).toEqual(['江川区江城镇温泉村已采纳建议转交文件已生成，共 3 条（本次新转交 1 条），请把文件发给规划编制技术单位。']);
    const second = await readDocx(sentTo(bot, 'jiangcheng-station').at(-1)!.payload.attachment!.dataBase64);
    expect(second.table.map((row) => row[1])).toEqual(['编号', '建议#1', '建议#2', '建议#3']);
  });

  it('says what to do when nothing is adopted, and refuses others', async () => {
    const bot = await testBot();
    expect((await say(bot, DEMO.leader, '转交')).texts).toEqual([
      '江川区江城镇温泉村还没有已采纳的建议。在党员大会或村民代表会议上「表决 建议#N」通过即为采纳；会外已经同意的，用「审核 建议#N 采纳」记为采纳。再发送「转交」。',
    ]);
    expect((await say(bot, DEMO.zhang, '转交')).texts).toEqual(['您没有使用「转交」的权限。发送「帮助」查看您能用的命令。']);
    expect((await say(bot, { ...DEMO.lvzhi, chatId: 'lvzhi-station' }, '转交 温泉村')).texts).toEqual(['江川区江城镇温泉村不在您负责的范围内。']);
    expect((await say(bot, { ...DEMO.township, chatId: 'jiangcheng-station' }, '转交')).texts).toEqual([
      '请在村庄规划编制组群里发送「转交」，或写上村名，例如「转交 温泉村」。',
    ]);
    expect(rows(bot, 'select count(*) as n from record_history')).toEqual([{ n: 0 }]);
  });
});
