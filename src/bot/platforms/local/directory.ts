import { and, eq } from 'drizzle-orm';
import { ROLE_LABELS } from '../../../domain/access.js';
import { PURPOSE_LABELS } from '../../../domain/messages.js';
import type { ChatPurpose, RoleName } from '../../../domain/types.js';
import { chats, identities, people, regions, roles } from '../../../db/schema/index.js';
import type { Db } from '../../../db/store.js';
import { localPlatform } from './definition.js';

/** Demo chats and members of the local platform, for the console's pickers. */
export async function localDirectory(db: Db) {
  const chatRows = await db
    .select({ chatId: chats.chatId, title: chats.title, purpose: chats.purpose, regionName: regions.fullName })
    .from(chats)
    .leftJoin(regions, eq(regions.code, chats.regionCode))
    .where(and(eq(chats.platform, localPlatform.name), eq(chats.active, 1)))
    .orderBy(chats.chatId);
  const userRows = await db
    .select({ userId: identities.userId, userName: people.name, role: roles.role })
    .from(identities)
    .innerJoin(people, eq(people.id, identities.personId))
    .leftJoin(roles, eq(roles.personId, people.id))
    .where(eq(identities.platform, localPlatform.name))
    .orderBy(identities.userId);
  const users = new Map<string, { userId: string; userName: string; roles: string[] }>();
  for (const u of userRows) {
    const entry = users.get(u.userId) ?? { userId: u.userId, userName: u.userName, roles: [] };
    if (u.role) entry.roles.push(ROLE_LABELS[u.role as RoleName]);
    users.set(u.userId, entry);
  }
  return {
    chats: chatRows.map((c) => ({
      chatId: c.chatId,
      title: c.title ?? c.chatId,
      purpose: c.purpose ? PURPOSE_LABELS[c.purpose as ChatPurpose] : '未绑定',
      regionName: c.regionName ?? '',
    })),
    users: [...users.values()].map((u) => ({ userId: u.userId, userName: u.userName, roleLabel: u.roles.join('、') || '未分配角色' })),
  };
}
