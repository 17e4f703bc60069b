/** Text the DingTalk adapter shows people, beyond what the handlers say. */
export const dingtalkMsg = {
  /** How replies name the platform (「绑定账号」). */
  platformLabel: '钉钉',
  /**
   * A card button sends this word and the button's value as the person's own message (DingTalk's
   * robot cards open links; they have no callback without a card template), so the adapter reads
   * 「点选 <value>」 back as the button press.
   */
  pressWord: '点选',
  /** Under a card's buttons: in a group DingTalk delivers only messages that @ the robot. */
  groupButtonHint(values: string[]): string {
    return `在群里也可以 @我 发送：${values.map((v) => `「点选 ${v}」`).join(' ')}`;
  },
  /** Shown instead of a picture, voice message or file the bot does not read. */
  pictureOnly: '[图片]',
  /** The file a cadre sent; kept as evidence, the bot does not open it. */
  fileName(name: string): string {
    return `[文件] ${name}`;
  },
  /** What the bot calls the card it sends (DingTalk shows it in the chat list). */
  defaultTitle: '归乡',
};
