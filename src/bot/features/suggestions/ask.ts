import { askByRelayedMessage, getAsk, insertAnswerStatement, insertAskStatement, insertRelayStatement, markAnsweredStatement, nextAskId, type AskRow } from '../../../db/repo/asks.js';
import { chatsForRegion } from '../../../db/repo/chats.js';
import { getPerson } from '../../../db/repo/people.js';
import { getRegion } from '../../../db/repo/regions.js';
import { msg } from '../../../domain/messages.js';
import { sx } from '../../../domain/suggestions/messages.js';
import type { OutMessage, Platform } from '../../../domain/types.js';
import { reply, replyPlan, type CommandHandler, type HandlerContext, type Plan } from '../../engine/context.js';
import { actorLabel, villageOfChat } from '../core/where.js';
import { actorName, inScope } from './workflow.js';

/**
 * 「咨询 问题」: a cadre's question goes to the township liaison station's chat. Each relayed
 * copy has a fixed outbox key, so once sent its platform message id is known and a station
 * member's reply to it finds the question again.
 */
export const askCommand: CommandHandler = async (ctx, args) => {
  const question = args.trim();
  if (!question) return replyPlan(ctx, sx.askUsage);
  const where = await villageOfChat(ctx);
  if (!where.ok) return where.plan;
  const village = where.value;
  const scope = inScope(ctx, 'ask', village);
  if (!scope.ok) return scope.plan;
  const person = ctx.actor.person;
  if (!person) return replyPlan(ctx, msg.notCadre);
  const township = village.parentCode ? await getRegion(ctx.db, village.parentCode) : null;
  if (!township) return replyPlan(ctx, sx.askNoStation(village.fullName));
  const stations = await chatsForRegion(ctx.db, township.code, 'township_station');
  if (stations.length === 0) return replyPlan(ctx, sx.askNoStation(township.name));
  const id = await nextAskId(ctx.db);
  const { chat } = ctx.event;
  const plan: Plan = {
    statements: [
      insertAskStatement(ctx.db, {
        id,
        regionCode: village.code,
        personId: person.id,
        question,
        platform: chat.platform,
        chatId: chat.chatId,
        threadId: chat.threadId,
        status: 'open',
        eventId: ctx.event.eventId,
        createdAt: ctx.now.getTime(),
      }),
    ],
    messages: [reply(ctx, sx.askSent(id, township.name))],
  };
  for (const station of stations) {
    const key = `ask:${id}:${station.platform}:${station.chatId}`;
    plan.statements.push(insertRelayStatement(ctx.db, { askId: id, platform: station.platform, chatId: station.chatId, outboxKey: key }));
    plan.messages.push({
      to: { platform: station.platform as Platform, chatId: station.chatId, threadId: station.threadId },
      text: sx.askRelay(id, village.fullName, person.name, question),
      key,
    });
  }
  return plan;
};

const ANSWER = /^(?:问)?\s*[#＃]?\s*(\d+)(?:[\s:：,，]+([\s\S]*))?$/u;

/** 「答复 问#3 内容」: works on every platform, replies or not. */
export const answerCommand: CommandHandler = async (ctx, args) => {
  const m = ANSWER.exec(args.trim());
  if (!m) return replyPlan(ctx, sx.answerUsage);
  const no = Number(m[1]);
  const ask = await getAsk(ctx.db, no);
  if (!ask) return replyPlan(ctx, sx.askNotFound(no));
  return answer(ctx, ask, (m[2] ?? '').trim(), 'command');
};

/** A station member replying to the relayed question; anything else is left to the usual routing. */
export async function answerByReply(ctx: HandlerContext, replyToMessageId: string, text: string): Promise<Plan | null> {
  const { platform, chatId } = ctx.event.chat;
  const ask = await askByRelayedMessage(ctx.db, platform, chatId, replyToMessageId);
  if (!ask) return null;
  return answer(ctx, ask, text, 'reply');
}

async function answer(ctx: HandlerContext, ask: AskRow, text: string, via: 'reply' | 'command'): Promise<Plan> {
  const village = await getRegion(ctx.db, ask.regionCode);
  if (!village) return replyPlan(ctx, sx.askNotFound(ask.id));
  const scope = inScope(ctx, 'answer', village);
  if (!scope.ok) return scope.plan;
  if (!text) return replyPlan(ctx, sx.answerEmpty(ask.id));
  const asker = (await getPerson(ctx.db, ask.personId))?.name ?? '';
  const fromStation = ctx.region && (ctx.chat?.purpose === 'township_station' || ctx.chat?.purpose === 'county_station');
  const who = fromStation ? `${actorName(ctx)}（${ctx.region!.name}联络服务站）` : actorName(ctx);
  const back: OutMessage = {
    to: { platform: ask.platform as Platform, chatId: ask.chatId, threadId: ask.threadId },
    text: sx.answerRelay(ask.id, asker, ask.question, text, who),
  };
  return {
    statements: [
      insertAnswerStatement(ctx.db, { askId: ask.id, answer: text, actorId: actorLabel(ctx), actorName: actorName(ctx), via, eventId: ctx.event.eventId, at: ctx.now.getTime() }),
      markAnsweredStatement(ctx.db, ask.id),
    ],
    messages: [reply(ctx, sx.answerAck(ask.id, asker)), back],
  };
}
