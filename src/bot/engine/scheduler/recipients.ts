import { and, eq, inArray } from 'drizzle-orm';
import { inChunks } from '../../../db/repo/chunks.js';
import { identitiesForPeople } from '../../../db/repo/people.js';
import { chats } from '../../../db/schema/index.js';
import type { Db } from '../../../db/store.js';
import type { OutMessage, OutTarget, Platform } from '../../../domain/types.js';
import { platformDefinition } from '../../platforms/registry.js';

/** The chat id of a person's private chat with the bot, as their platform addresses it. */
export function privateChatIdOf(platform: Platform, userId: string): string {
  return platformDefinition(platform)?.privateChatId(userId) ?? userId;
}

/**
 * On some platforms the bot cannot open a private chat: the person must have started one, which
 * leaves a chats row. Others deliver to any user id within the app's scope.
 */
function needsPrivateChatRow(platform: Platform): boolean {
  return platformDefinition(platform)?.privateChatNeedsStart ?? true;
}

export interface Person {
  id: string;
  name: string;
}

export interface Reach {
  /** Private chats the person can be reached in (one per platform at most). */
  private: OutTarget[];
  /** Accounts to @mention in a group when no private chat works. */
  mentions: { platform: Platform; userId: string; name: string }[];
}

/**
 * How each person can be reached: privately unless the platform said they blocked the bot, and
 * where the bot cannot open a chat itself, only once they have talked to it in private.
 */
export async function reachOf(db: Db, people: readonly Person[]): Promise<Map<string, Reach>> {
  const out = new Map<string, Reach>(people.map((p) => [p.id, { private: [], mentions: [] }]));
  const ids = await identitiesForPeople(db, people.map((p) => p.id));
  const names = new Map(people.map((p) => [p.id, p.name]));
  const live = ids.filter((i) => i.unreachableAt === null);
  const candidates = live.map((i) => privateChatIdOf(i.platform as Platform, i.userId));
  const privateRows = await inChunks(candidates, (slice) =>
    db
      .select({ platform: chats.platform, chatId: chats.chatId })
      .from(chats)
      .where(and(inArray(chats.chatId, slice), eq(chats.type, 'private'), eq(chats.active, 1))),
  );
  const open = new Set(privateRows.map((r) => `${r.platform}\u0000${r.chatId}`));
  for (const i of ids) {
    const reach = out.get(i.personId)!;
    const platform = i.platform as Platform;
    const chatId = privateChatIdOf(platform, i.userId);
    const chatKnown = !needsPrivateChatRow(platform) || open.has(`${platform}\u0000${chatId}`);
    if (i.unreachableAt === null && chatKnown && !reach.private.some((t) => t.platform === platform)) {
      reach.private.push({ platform, chatId, threadId: null });
    }
    reach.mentions.push({ platform, userId: i.userId, name: names.get(i.personId) ?? i.displayName });
  }
  return out;
}

/**
 * Messages telling each person something: in private where possible, else one message in each
 * fallback group chat @mentioning everyone who could not be reached privately there.
 */
export function personalMessages(
  people: readonly Person[],
  reach: ReadonlyMap<string, Reach>,
  text: (p: Person) => string,
  keyOf: (target: OutTarget) => string,
  fallback: readonly OutTarget[],
  groupText: (names: readonly string[]) => string,
  extra: Partial<OutMessage> = {},
): OutMessage[] {
  const out: OutMessage[] = [];
  const unreached: Person[] = [];
  for (const p of people) {
    const r = reach.get(p.id);
    const target = r?.private[0];
    if (target) out.push({ ...extra, to: target, text: text(p), key: keyOf(target) });
    else unreached.push(p);
  }
  if (unreached.length === 0) return out;
  for (const chat of fallback) {
    const mentions = unreached.flatMap((p) =>
      (reach.get(p.id)?.mentions ?? []).filter((m) => m.platform === chat.platform).map((m) => ({ userId: m.userId, name: m.name })),
    );
    if (mentions.length === 0) continue;
    out.push({ ...extra, to: chat, text: groupText(unreached.filter((p) => mentions.some((m) => m.name === p.name)).map((p) => p.name)), key: keyOf(chat), mentions });
  }
  return out;
}

export function targetOf(row: { platform: string; chatId: string; threadId: string | null }): OutTarget {
  return { platform: row.platform as Platform, chatId: row.chatId, threadId: row.threadId };
}

/** Where a private message to a platform user goes, as their platform addresses it. */
export function privateTarget(platform: Platform, userId: string): OutTarget {
  return { platform, chatId: privateChatIdOf(platform, userId), threadId: null };
}
