import type { Api } from 'grammy';
import { msg } from '../../../domain/messages.js';
import type { Dispatcher } from '../../engine/outbox/dispatcher.js';
import type { Pipeline } from '../../engine/pipeline.js';
import type { Clock, Logger } from '../../engine/ports.js';
import { parseUpdate, type BotIdentity } from './parse.js';

export interface UpdateDeps {
  api: Api;
  me: BotIdentity;
  pipeline: Pipeline;
  dispatcher: Dispatcher;
  clock: Clock;
  logger: Logger;
  /** Work that must finish but need not hold up the answer to Telegram (sending, callback answers). */
  defer: (task: Promise<unknown>) => void;
}

/** Telegram shows at most this many characters of a callback answer. */
const TOAST_LIMIT = 200;

export type UpdateOutcome = 'handled' | 'duplicate' | 'ignored' | 'invalid';

/**
 * One Telegram update, from webhook or long polling alike: parse, hand to the pipeline (which
 * writes everything in one atomic write), then send in the background. Every button press is
 * answered, even one the bot cannot place, or the person's client keeps spinning.
 */
export function createUpdateHandler(deps: UpdateDeps) {
  const { logger } = deps;

  function answer(callbackQueryId: string, toast: string | undefined): void {
    deps.defer(
      deps.api
        .answerCallbackQuery(callbackQueryId, toast ? { text: clip(toast, TOAST_LIMIT) } : {})
        .catch((err: unknown) => logger.warn('callback query not answered', { error: err instanceof Error ? err.message : String(err) })),
    );
  }

  return async function handleUpdate(update: unknown): Promise<UpdateOutcome> {
    const parsed = parseUpdate(update, deps.me, deps.clock());
    switch (parsed.kind) {
      case 'invalid':
        return 'invalid';
      case 'ignored':
        logger.info('telegram update ignored', { reason: parsed.reason });
        return 'ignored';
      case 'unroutable-callback':
        answer(parsed.callbackQueryId, msg.buttonExpired);
        return 'ignored';
      case 'event': {
        const { event, callbackQueryId } = parsed;
        let result: Awaited<ReturnType<typeof deps.pipeline.handle>>;
        try {
          result = await deps.pipeline.handle(event);
        } catch (err) {
          // Telegram redelivers the update; the spinner should stop meanwhile.
          if (callbackQueryId) answer(callbackQueryId, undefined);
          throw err;
        }
        if (callbackQueryId) answer(callbackQueryId, result.toast);
        // A moved chat may have messages waiting that can go out now under the new id.
        if (result.keys.length > 0 || event.payload.type === 'migrated') {
          deps.defer(deps.dispatcher.drain('telegram').catch((err: unknown) => logger.error('telegram drain failed', { error: String(err) })));
        }
        return result.duplicate ? 'duplicate' : 'handled';
      }
    }
  };
}

export type UpdateHandler = ReturnType<typeof createUpdateHandler>;

function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
