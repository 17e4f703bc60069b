import { getIdentity, getPerson, identitiesForPeople, linkIdentityStatement, type PersonRow } from '../../../db/repo/people.js';
import type { Statement } from '../../../db/store.js';
import { identityMsg, LINK_CODE_MINUTES } from '../../../domain/identity/messages.js';
import type { OutMessage, Platform } from '../../../domain/types.js';
import { reply, replyPlan, type CommandHandler, type HandlerContext, type Plan } from '../../engine/context.js';
import {
  clearCodesStatement,
  clearFailuresStatement,
  failuresOf,
  insertCodeStatement,
  liveCode,
  recordFailureStatement,
  useCodeStatement,
  type LinkCodeRow,
} from './link-codes.js';
import { linkSenderStatement } from './claim-requests.js';
import { mergePersonStatements } from './merge.js';

const CODE_TTL_MS = LINK_CODE_MINUTES * 60_000;
/** Wrong codes allowed per account and window: 5 of a million is no real chance to guess one. */
export const MAX_LINK_FAILURES = 5;
const CODE_PATTERN = /^\d{6}$/u;

/** Six random digits from the platform's CSPRNG; codes must not be predictable. */
export function randomCode(): string {
  const [n] = crypto.getRandomValues(new Uint32Array(1));
  return String(n! % 1_000_000).padStart(6, '0');
}

/** How replies name platforms: each adapter's label, and which others this deployment serves. */
export interface PlatformLabels {
  labelOf(platform: Platform): string;
  /** Labels of the configured platforms other than this one (the console not counted). */
  othersOf(platform: Platform): string[];
}

export interface LinkDeps {
  labels: PlatformLabels;
  /** Where codes come from; tests pass a fixed sequence. */
  newCode?: () => string;
}

/**
 * /link (绑定账号): without an argument, hand out a one-time code in a private chat; with a code,
 * sent from the other account, make both accounts one person.
 */
export function createLinkCommand(deps: LinkDeps): CommandHandler {
  const newCode = deps.newCode ?? randomCode;
  return async (ctx, args) => {
    const typed = args.replace(/\s+/gu, '');
    if (typed === '') return issueCode(ctx, newCode, deps.labels);
    if (!CODE_PATTERN.test(typed)) return replyPlan(ctx, identityMsg.linkUsage);
    return redeemCode(ctx, typed, deps.labels);
  };
}

async function issueCode(ctx: HandlerContext, newCode: () => string, labels: PlatformLabels): Promise<Plan> {
  // Anyone who reads the code can claim the issuer's roles, so it is only ever shown in private.
  if (ctx.event.chat.type !== 'private') return replyPlan(ctx, identityMsg.linkPrivateOnly);
  if (ctx.platformsConfigured && ctx.event.platform === 'local') return replyPlan(ctx, identityMsg.linkLocalRefused);
  const { platform, sender, chat } = ctx.event;
  const now = ctx.now.getTime();
  let code = newCode();
  for (let i = 0; i < 5 && (await liveCode(ctx.db, code, now)); i++) code = newCode();
  const plan = replyPlan(ctx, identityMsg.linkCode(code, labels.othersOf(platform)));
  plan.statements.push(
    clearCodesStatement(ctx.db, platform, sender.userId, now),
    insertCodeStatement(ctx.db, {
      code,
      platform,
      userId: sender.userId,
      displayName: sender.displayName,
      username: sender.username ?? null,
      chatId: chat.chatId,
      expiresAt: now + CODE_TTL_MS,
      createdAt: now,
    }),
  );
  return plan;
}

async function redeemCode(ctx: HandlerContext, typed: string, labels: PlatformLabels): Promise<Plan> {
  const { platform, sender } = ctx.event;
  const now = ctx.now.getTime();
  const failures = await failuresOf(ctx.db, platform, sender.userId, now - CODE_TTL_MS);
  if (failures >= MAX_LINK_FAILURES) return replyPlan(ctx, identityMsg.linkTooManyTries);
  const code = await liveCode(ctx.db, typed, now);
  if (!code) {
    const plan = replyPlan(ctx, identityMsg.linkCodeInvalid(MAX_LINK_FAILURES - failures - 1));
    plan.statements.push(recordFailureStatement(ctx.db, platform, sender.userId, failures + 1, now));
    return plan;
  }
  if (code.platform === platform && code.userId === sender.userId) return replyPlan(ctx, identityMsg.linkSameAccount);
  // Two accounts on one platform are two people as far as anyone can tell; a code passed on would
  // hand the issuer's roles to whoever typed it.
  if (code.platform === platform) return replyPlan(ctx, identityMsg.linkSamePlatform);
  // With a real platform configured, a console identity is whoever reached the console, not a person.
  if (ctx.platformsConfigured && (code.platform === 'local' || platform === 'local')) return replyPlan(ctx, identityMsg.linkLocalRefused);

  const issuerIdentity = await getIdentity(ctx.db, code.platform as Platform, code.userId);
  const issuer = issuerIdentity ? await getPerson(ctx.db, issuerIdentity.personId) : null;
  const redeemer = ctx.actor.person;
  // The person who asked for the code survives; a newcomer on that side joins the other person.
  const survivor = issuer ?? redeemer;
  if (!survivor) return replyPlan(ctx, identityMsg.linkNobodyKnown);
  if (issuer && redeemer && issuer.id === redeemer.id) {
    const plan = replyPlan(ctx, identityMsg.linkAlreadyLinked(survivor.name));
    plan.statements.push(useCodeStatement(ctx.db, code.code));
    return plan;
  }
  if (issuer && redeemer && issuer.name !== redeemer.name) return replyPlan(ctx, identityMsg.linkNamesDiffer(issuer.name, redeemer.name));

  const absorbed: PersonRow | null = issuer && redeemer ? redeemer : null;
  // One account per platform per person, as for the code itself: a second account on a platform
  // the person already has is someone else's phone answering as them. A lost account is replaced
  // by a transfer the station approves, never by a code. Like the other refusals, the code stays.
  const held = await identitiesForPeople(ctx.db, absorbed ? [survivor.id, absorbed.id] : [survivor.id]);
  const joining = absorbed
    ? held.filter((i) => i.personId === absorbed.id)
    : [issuer ? { platform, userId: sender.userId } : { platform: code.platform, userId: code.userId }];
  const taken = joining.find((j) => held.some((h) => h.personId === survivor.id && h.platform === j.platform && h.userId !== j.userId));
  if (taken) return replyPlan(ctx, identityMsg.linkPlatformTaken(survivor.name, labels.labelOf(taken.platform as Platform)));

  const statements: Statement[] = [useCodeStatement(ctx.db, code.code), clearFailuresStatement(ctx.db, platform, sender.userId)];
  if (absorbed) statements.push(...mergePersonStatements(ctx.db, absorbed, survivor, now));
  else if (!issuer) statements.push(linkCodeIdentity(ctx, code, survivor.id, now));
  else statements.push(linkSenderStatement(ctx, survivor.id, 'link'));

  const messages: OutMessage[] = [
    reply(ctx, identityMsg.linked(survivor.name, labels.labelOf(code.platform), labels.labelOf(platform))),
    {
      to: { platform: code.platform, chatId: code.chatId, threadId: null },
      text: identityMsg.linked(survivor.name, labels.labelOf(platform), labels.labelOf(code.platform)),
    },
  ];
  return { statements, messages };
}

function linkCodeIdentity(ctx: HandlerContext, code: LinkCodeRow, personId: string, at: number): Statement {
  return linkIdentityStatement(ctx.db, {
    platform: code.platform,
    userId: code.userId,
    personId,
    displayName: code.displayName,
    username: code.username,
    matchedBy: 'link',
    linkedAt: at,
  });
}
