import type { StoredPayload } from '../../../db/repo/outbox.js';
import type { ChartSpec } from '../../../domain/types.js';
import type { Envelope, PlatformSender } from '../../engine/ports.js';
import type { DingTalkApi } from './api.js';
import { DingTalkCallError, toPlatformError } from './errors.js';
import { isGroupChat } from './ids.js';
import { fileTypeOf, textMessages, type RobotMessageBody } from './render.js';

export interface DingTalkSenderDeps {
  api: DingTalkApi;
  robotCode: string;
  /** Draws a chart as PNG; without it the chart goes as lines of text. */
  renderChart?: (spec: ChartSpec) => Promise<Uint8Array>;
}

/** One message of the envelope, made when its turn comes (uploads happen only for parts not yet out). */
type Part = () => Promise<RobotMessageBody>;

function partsOf(p: StoredPayload, chatId: string, deps: DingTalkSenderDeps): Part[] {
  const chartAsPicture = Boolean(p.chart && deps.renderChart);
  const parts: Part[] = textMessages(p, chatId, chartAsPicture).map((m) => async () => m);
  const chart = p.chart;
  if (chart && deps.renderChart) {
    const render = deps.renderChart;
    parts.push(async () => {
      const mediaId = await deps.api.upload('image', 'chart.png', await render(chart));
      // sampleImageMsg's photoURL takes the media id an upload returns.
      return { msgKey: 'sampleImageMsg', msgParam: { photoURL: mediaId } };
    });
  }
  const file = p.attachment;
  if (file) {
    parts.push(async () => {
      const mediaId = await deps.api.upload('file', file.fileName, Buffer.from(file.dataBase64, 'base64'));
      return { msgKey: 'sampleFile', msgParam: { mediaId, fileName: file.fileName, fileType: fileTypeOf(file.fileName) } };
    });
  }
  return parts;
}

const listed = (value: unknown, id: string) => Array.isArray(value) && value.includes(id);

/**
 * Sends through the robot OpenAPI: groups by openConversationId (groupMessages/send), a person by
 * staff id (oToMessages/batchSend). A message in several parts resumes after the parts an earlier
 * attempt delivered. DingTalk robot messages cannot be edited, so there is no `edit`: the
 * dispatcher sends a changed card anew.
 */
export function createDingTalkSender(deps: DingTalkSenderDeps): PlatformSender {
  async function post(chatId: string, body: RobotMessageBody): Promise<string | null> {
    const msgParam = JSON.stringify(body.msgParam);
    if (isGroupChat(chatId)) {
      const answer = await deps.api.post('group send', '/v1.0/robot/groupMessages/send', { robotCode: deps.robotCode, openConversationId: chatId, msgKey: body.msgKey, msgParam });
      return typeof answer.processQueryKey === 'string' ? answer.processQueryKey : null;
    }
    const answer = await deps.api.post('private send', '/v1.0/robot/oToMessages/batchSend', { robotCode: deps.robotCode, userIds: [chatId], msgKey: body.msgKey, msgParam });
    // A batch answers 200 and lists the people it could not reach or held back.
    if (listed(answer.invalidStaffIdList, chatId)) throw new DingTalkCallError('private send', { status: 400, code: 'staffId.invalid', message: 'user not reachable by this robot' });
    if (listed(answer.flowControlledStaffIdList, chatId)) throw new DingTalkCallError('private send', { status: 429, code: 'flowControlled', message: 'user flow controlled' });
    return typeof answer.processQueryKey === 'string' ? answer.processQueryKey : null;
  }

  return {
    platform: 'dingtalk',
    async send(env: Envelope) {
      const parts = partsOf(env.payload, env.to.chatId, deps);
      let sent = env.partsSent ?? 0;
      let messageId: string | null = null;
      try {
        for (const [i, part] of parts.entries()) {
          if (i < sent) continue;
          messageId = (await post(env.to.chatId, await part())) ?? messageId;
          sent = i + 1;
        }
        return { messageId };
      } catch (err) {
        if (!(err instanceof DingTalkCallError)) throw err;
        const failure = toPlatformError(err.action, err.failure);
        throw sent > 0 ? failure.withPartsSent(sent) : failure;
      }
    },
  };
}
