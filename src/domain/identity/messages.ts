/**
 * What the bot says about who is who: claiming a roster entry, linking accounts (/link 绑定账号),
 * /whoami. Platforms are named by the labels their adapters declare.
 */
import { ROLE_LABELS } from '../access.js';
import type { RoleName } from '../types.js';
import type { MatchedBy } from './claims.js';

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
  linkSamePlatform: '这个验证码是同一平台的另一个账号获取的。绑定账号只能把不同平台的账号认作同一人；同一平台换了账号，请联系乡镇联络服务站。',
  /** The person already has an account on `platformLabel`; a replacement goes through a transfer (claimMsg 'held'). */
  linkPlatformTaken(name: string, platformLabel: string): string {
    return `${name} 已经有一个${platformLabel}账号，一个人在同一平台只能绑定一个账号，这次没有绑定。如果原来的${platformLabel}账号丢了或不再使用，请用新账号在本村群里发送「登记 ${name}」申请转移，由乡镇联络服务站核实后批准。`;
  },
  linkLocalRefused: '本地调试台的身份不能和正式平台的账号绑定。请在群聊所在的平台里登记。',
};

/** Why a claim on a roster entry waits for a decision instead of taking effect. */
export type ClaimWhy = 'no-tail' | 'roles' | 'limited' | 'directory' | 'held';

const WHY_NOTICE: Record<ClaimWhy, string> = {
  'no-tail': '没有给手机尾号',
  roles: '此人在名册上还有编制组组长、理事会或联络站身份',
  limited: '手机尾号今天已错多次',
  directory: '通讯录里的手机号与名册不一致',
  held: '此人已由另一个账号登记，批准即把身份转给申请人，原账号会收到通知',
};

/** Claiming a roster entry (登记) and deciding claims. */
export const claimMsg = {
  requested(name: string, no: number, why: ClaimWhy): string {
    switch (why) {
      case 'no-tail':
        return `已提交认领申请#${no}：名册里的 ${name} 需要核实身份，等待编制组组长或乡镇联络站批准。也可以发送「登记 ${name} 手机尾号4位」直接登记。`;
      case 'roles':
        return `名册里的 ${name} 还担任编制组组长、理事会成员或联络站职务，这一身份要由乡镇联络服务站确认。已提交申请#${no}，批准后生效。`;
      case 'limited':
        return `手机尾号今天核对失败的次数太多，不能再试。已提交申请#${no}，由乡镇联络服务站核实。`;
      case 'directory':
        return `您在通讯录里的手机号和名册上 ${name} 的不一致。已提交申请#${no}，由乡镇联络服务站核实。`;
      case 'held':
        return `名册里的 ${name} 已经由另一个账号登记。已提交转移申请#${no}，由乡镇联络服务站核实。如果那是您自己的另一个账号，请用它私聊我发送「绑定账号」。`;
    }
  },
  notice(village: string, name: string, no: number, who: string, why: ClaimWhy): string {
    return `${village}：认领申请#${no}：${who} 要认领名册里的 ${name}（${WHY_NOTICE[why]}）。可回复「批准 ${no}」或「驳回 ${no} 理由」。`;
  },
  /** The account a claim came from, as a station reads it: platform and display name, never a phone. */
  account(platformLabel: string, displayName: string): string {
    return `${platformLabel}用户「${displayName}」`;
  },
  tailMismatch(name: string, triesLeft: number): string {
    return `名册里 ${name} 的手机尾号对不上（今天还可以再试 ${triesLeft} 次）。请核对后重发，或联系编制组组长。`;
  },
  tailClaimed(village: string, name: string, who: string): string {
    return `${village}：${who} 用手机尾号登记为名册里的 ${name}（回乡干部）。如果不是本人，请核实后处理。`;
  },
  tailLimitReached(village: string, name: string, who: string): string {
    return `${village}：名册里 ${name} 的手机尾号今天已被用错多次（最近一次来自${who}）。今天之后对此人的登记都要联络站批准。`;
  },
  directoryJoined(name: string, village: string): string {
    return `欢迎您，${name}！已按组织通讯录确认身份，登记为${village}的回乡干部。发送「我的」查看五个一进度，发送「帮助」查看能做什么。`;
  },
  directoryKnown(name: string, roles: readonly RoleName[]): string {
    const labels = roles.length ? roles.map((r) => ROLE_LABELS[r]).join('、') : '无';
    return `已按组织通讯录确认您是 ${name}（${labels}），不用在这里登记。`;
  },
  stationOnly: '这个申请涉及名册上的编制组组长、理事会、联络站身份或账号转移，只能由乡镇联络服务站批准。',
  heldMeanwhile(name: string): string {
    return `名册里的 ${name} 已经由另一个账号登记，这个申请不能再批准。如需转移，请让申请人重新登记。`;
  },
  lookalike(name: string): string {
    return `名册里已经有 ${name}，不能再新建一个同名的人。请驳回这个申请，让申请人用「登记 ${name} 手机尾号」认领。`;
  },
  transferredAway(name: string): string {
    return `乡镇联络服务站已把名册里的 ${name} 转给另一个账号，您的这个账号不再代表 ${name}。如有疑问，请联系乡镇联络服务站。`;
  },
  /** Said to whatever speaks as a chat: an anonymous admin (as the group), a user posting as a channel, a linked channel's forward. */
  anonymous: '这条消息是以群或频道的名义发出的，我无法确认您是谁。请用您本人的身份发送：匿名管理员请先在群设置里关闭「匿名」，以频道身份发言的请切换回个人账号。',
};

const MATCHED_LABELS: Record<MatchedBy, string> = {
  directory_mobile: '组织通讯录的手机号',
  directory_employee_no: '组织通讯录的工号',
  phone_tail: '手机尾号',
  approval: '联络站或组长批准',
  link: '从另一个账号绑定',
  import: '名册导入',
};

/** /whoami (我是谁): what an operator needs to fill ADMINS, and who the bot takes the sender for. */
export const whoamiMsg = {
  answer(
    platform: string,
    platformLabel: string,
    userId: string,
    person: { name: string; matchedBy: MatchedBy | null } | null,
    roles: readonly { role: RoleName; place: string }[],
  ): string {
    const lines = [`平台：${platformLabel}`, `账号 ID：${userId}（写进 ADMINS 时为 ${platform}:${userId}）`];
    if (!person) lines.push('我还不认识您：这个账号还没有登记。请在本村群里发送「登记 姓名 手机尾号4位」。');
    else {
      lines.push(`我认为您是：${person.name}${person.matchedBy ? `（依据：${MATCHED_LABELS[person.matchedBy]}）` : ''}`);
    }
    lines.push(roles.length ? `身份：${roles.map((r) => `${ROLE_LABELS[r.role]}（${r.place}）`).join('、')}` : '身份：无');
    return lines.join('\n');
  },
  sentPrivately: '已私聊回复您。',
  openPrivateFirst: '这个答复只在私聊里给。请先私聊我（点开我的头像，发送「帮助」），再在私聊里发送「我是谁」。',
  everywhere: '全部地区（ADMINS）',
};
