/**
 * What the Worker bundle gets instead of the dingtalk-stream SDK (wrangler.toml [alias]): Workers
 * cannot hold a connection, the config refuses DINGTALK_MODE=stream there, and the SDK (with ws
 * and axios) would only add to the upload. Nothing here is ever constructed.
 */
export const TOPIC_ROBOT = '/v1.0/im/bot/messages/get';

export class DWClient {
  constructor() {
    throw new Error('DingTalk stream mode needs a long-running Node process; on Workers use DINGTALK_MODE=webhook');
  }
}
