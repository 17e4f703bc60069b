import type { Pipeline } from '../../engine/pipeline.js';
import type { Clock, Logger } from '../../engine/ports.js';
import { robotMessageEvent, type RobotMessage } from './parse.js';

export interface RobotHandlerDeps {
  pipeline: Pipeline;
  robotCode: string;
  clock: Clock;
  logger: Logger;
  /** Starts sending committed replies; not awaited, so the delivery is answered at once. */
  afterCommit: () => void;
}

/**
 * One robot message, from the HTTP callback or the stream: parsed, then committed in the
 * pipeline's one atomic write. Resolves only after that write, so the caller acknowledges the
 * delivery only once nothing of it can be lost; a redelivered msgId is committed as nothing.
 */
export function createRobotHandler(deps: RobotHandlerDeps) {
  return async (message: RobotMessage): Promise<'handled' | 'duplicate' | 'ignored'> => {
    if (typeof message.robotCode === 'string' && message.robotCode !== deps.robotCode) {
      deps.logger.warn('dingtalk message for another robot dropped', { robotCode: message.robotCode });
      return 'ignored';
    }
    const event = robotMessageEvent(message, deps.clock());
    if (!event) return 'ignored';
    const result = await deps.pipeline.handle(event);
    if (result.duplicate) return 'duplicate';
    if (result.keys.length > 0) deps.afterCommit();
    return 'handled';
  };
}

export type RobotHandler = ReturnType<typeof createRobotHandler>;
