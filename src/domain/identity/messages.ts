/**
 * What the bot says while linking two platform accounts of one person (/link 绑定账号). Platforms
 * are named by the labels their adapters declare.
 */

export const LINK_CODE_MINUTES = 10;

export const identityMsg = {
  linkPrivateOnly: '为了账号安全，请私聊我发送「绑定账号」获取验证码，验证码不要发在群里。',
  /** `otherPlatforms`: labels of the platforms the other account may be on. */
  linkCode(code: string, otherPlatforms: readonly string[]): string {
    const where = otherPlatforms.length > 0 ? `（${otherPlatforms.join('或')}）` : '';
    return [
      `您的账号绑定验证码：${code}（${LINK_CODE_MINUTES} 分钟内有效，只能用一次）。`,
      `请用您的另一个账号${where}私聊我发送「绑定账号 ${code}」。`,
      '验证码请勿告诉别人：知道它的人可以把自己的账号绑到您名下。',
    ].join('\n');
  },
  linkUsage: '验证码是 6 位数字，例如「绑定账号 123456」。还没有验证码？先用另一个账号私聊我发送「绑定账号」。',
  linkCodeInvalid(triesLeft: number): string {
    return `验证码不对或已经过期（还可以再试 ${triesLeft} 次）。请在另一个账号里重新发送「绑定账号」获取新的验证码。`;
  },
  linkTooManyTries: `验证码错误次数太多，请 ${LINK_CODE_MINUTES} 分钟后再试。`,
  linkSameAccount: '这是您刚才获取验证码的同一个账号。请用另一个平台的账号发送这个验证码。',
  linkNobodyKnown: '两个账号都还没有登记。请先在本村群里发送「登记 姓名」，登记后再绑定账号。',
  linkAlreadyLinked(name: string): string {
    return `这两个账号已经都是 ${name}，不用再绑定。`;
  },
  linkNamesDiffer(a: string, b: string): string {
    return `两个账号登记的姓名不同（${a} / ${b}），不能绑定。如果确实是同一人，请联系乡镇联络服务站处理。`;
  },
  linked(name: string, otherLabel: string, hereLabel: string): string {
    return `绑定成功：您的${hereLabel}账号和${otherLabel}账号现在都是 ${name}，记录和统计按同一人计算。`;
  },
};
