/** What the bot and the import/export commands say about spreadsheets. */
export const sheetMsg = {
  exportNeedsRegion: '请在联络站群里发送「导出」，或写上地区，例如「导出 江川区」。',
  exportUnavailable: '这个部署不能在聊天里生成表格文件，请在服务器上运行 npm run export -- --region 地区代码 --out 台账.xlsx。',
  sentPrivately: '已私信发送。台账含有手机号等个人信息，只发给您本人。',
  exportFailed: '台账没能生成，请稍后再发送「导出」。一直不行的话，请联系工作专班。',
  exportNeedsPrivateChat: '台账含有手机号等个人信息，只能私信发给您。请先点开我的头像，给我发一条私信（例如「帮助」），再回来发送「导出」。',
  exported(scope: string, cadres: number, suggestions: number): string {
    return `${scope}台账已导出（${cadres} 名回乡干部，${suggestions} 条建议），请查收表格文件。`;
  },
  fileName(scope: string, date: string): string {
    return `${scope}-台账-${date}.xlsx`;
  },
};
