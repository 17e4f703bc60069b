import { chatsForRegion } from '../../../db/repo/chats.js';
import { identitiesForPeople, linkIdentityStatement, grantRoleStatement, rosterByName } from '../../../db/repo/people.js';
import { insertJoinRequestStatement, nextJoinRequestNo, pendingRequestOf } from '../../../db/repo/join-requests.js';
import { msg } from '../../../domain/messages.js';
import type { OutMessage } from '../../../domain/types.js';
import { reply, replyPlan, type CommandHandler } from '../../engine/context.js';

export function parseJoinArgs(args: string): { name: string; phone4: string | null } | { error: string } {
  const words = args.split(/\s+/u).filter(Boolean);
  if (words.length === 0) return { error: msg.joinUsage };
  let phone4: string | null = null;
  const last = words[words.length - 1]!;
  if (/^\d+$/u.test(last)) {
    if (last.length !== 4) return { error: msg.joinPhoneInvalid };
    phone4 = last;
    words.pop();
  }
  const name = words.join('');
  if (!name || Array.from(name).length > 20 || /\d/u.test(name)) return { error: msg.joinUsage };
  return { name, phone4 };
}

export const join: CommandHandler = async (ctx, args) => {
  const village = ctx.region;
  if (!village || !ctx.chat?.purpose) return replyPlan(ctx, ctx.event.chat.type === 'private' ? msg.notVillageChat : msg.notBound);
  if (village.level !== 'village' || ctx.chat.purpose !== 'village') return replyPlan(ctx, msg.notVillageChat);
  const parsed = parseJoinArgs(args);
  if ('error' in parsed) return replyPlan(ctx, parsed.error);
  const { name, phone4 } = parsed;
  const { platform } = ctx.event;
  const sender = ctx.event.sender;
  const at = ctx.now.getTime();

  if (ctx.actor.person && ctx.actor.roles.some((r) => r.role === 'cadre' && r.regionCode === village.code)) {
    return replyPlan(ctx, msg.alreadyJoined(ctx.actor.person.name, village.fullName));
  }

  const byName = await rosterByName(ctx.db, village.code, name);
  const matches = phone4 ? byName.filter((p) => (p.phone ?? '').endsWith(phone4)) : byName;
  if (byName.length > 0 && matches.length === 0) return replyPlan(ctx, msg.joinPhoneMismatch(name));
  if (matches.length > 1) return replyPlan(ctx, msg.joinAmbiguous(name));

  if (matches.length === 1) {
    const person = matches[0]!;
    const taken = (await identitiesForPeople(ctx.db, [person.id], platform)).find((i) => i.userId !== sender.userId);
    if (taken) return replyPlan(ctx, msg.joinTaken(name));
    return {
      statements: [
        linkIdentityStatement(ctx.db, {
          platform,
          userId: sender.userId,
          personId: person.id,
          displayName: sender.displayName,
          username: sender.username ?? null,
          linkedAt: at,
        }),
        grantRoleStatement(ctx.db, person.id, 'cadre', village.code, at),
      ],
      messages: [reply(ctx, msg.joined(person.name, village.fullName))],
    };
  }

  const pending = await pendingRequestOf(ctx.db, platform, sender.userId, village.code);
  if (pending) return replyPlan(ctx, msg.joinAlreadyPending(pending.id));
  const no = await nextJoinRequestNo(ctx.db);
  const buttons = [[
    { label: '批准', value: `approve:${no}` },
    { label: '驳回', value: `reject:${no}` },
  ]];
  const messages: OutMessage[] = [
    reply(ctx, msg.joinPending(name, no, village.fullName)),
    reply(ctx, msg.joinRequestNotice(name, no, phone4), { buttons }),
  ];
  // The township station approves too, so it hears of the request in its own chat.
  if (village.parentCode) {
    for (const chat of await chatsForRegion(ctx.db, village.parentCode, 'township_station')) {
      messages.push({
        to: { platform: chat.platform as typeof platform, chatId: chat.chatId, threadId: chat.threadId },
        text: `${village.fullName}：${msg.joinRequestNotice(name, no, phone4)}`,
        buttons,
      });
    }
  }
  return {
    statements: [
      insertJoinRequestStatement(ctx.db, {
        id: no,
        regionCode: village.code,
        platform,
        chatId: ctx.event.chat.chatId,
        userId: sender.userId,
        displayName: sender.displayName,
        name,
        phone4,
        status: 'pending',
        createdAt: at,
      }),
    ],
    messages,
  };
};
