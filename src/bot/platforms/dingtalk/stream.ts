import { DWClient, TOPIC_ROBOT, type DWClientDownStream } from 'dingtalk-stream';
import type { Logger } from '../../engine/ports.js';
import { OFFICIAL_API_ROOT } from './api.js';
import type { RobotHandler } from './handle.js';

/** Waits between reconnection attempts: 1 s doubling to a minute, with up to a second of jitter. */
export function reconnectDelayMs(failures: number, random: () => number = Math.random): number {
  return Math.min(60_000, 1_000 * 2 ** Math.max(0, failures - 1)) + Math.round(random() * 1_000);
}

/**
 * The SDK (2.1.5) reconnects every second, forever, when the gateway is unreachable. This client
 * waits longer after each failed attempt instead; a connection that opens resets the count.
 */
export class BackoffClient extends DWClient {
  private failures = 0;
  private stopped = false;
  private readonly gatewayUrl: string | null;
  sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref?.());

  /**
   * `apiRoot` other than DingTalk's own (a gateway, a test fake) is asked for the connection
   * too: the SDK's gateway address is fixed to the official host.
   */
  constructor(opts: { clientId: string; clientSecret: string; apiRoot?: string }) {
    super({ clientId: opts.clientId, clientSecret: opts.clientSecret });
    const root = opts.apiRoot?.replace(/\/+$/u, '');
    this.gatewayUrl = root && root !== OFFICIAL_API_ROOT ? `${root}/v1.0/gateway/connections/open` : null;
  }

  /** The SDK's request, sent to `gatewayUrl`; the endpoint and ticket it answers open the socket. */
  override async getEndpoint(): Promise<this> {
    if (!this.gatewayUrl) return super.getEndpoint() as Promise<this>;
    const { clientId, clientSecret, ua, subscriptions } = this.config;
    const res = await fetch(this.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ clientId, clientSecret, ua, subscriptions }),
    });
    const answer = (await res.json()) as { endpoint?: string; ticket?: string };
    if (!res.ok || !answer.endpoint || !answer.ticket) throw new Error(`gateway answered ${res.status} without an endpoint`);
    // The SDK connects to this field; it is not part of its typed surface.
    (this as unknown as { dw_url: string }).dw_url = `${answer.endpoint}?ticket=${encodeURIComponent(answer.ticket)}`;
    return this;
  }

  override async connect(): Promise<void> {
    if (this.stopped) return;
    if (this.failures > 0) await this.sleep(reconnectDelayMs(this.failures));
    if (this.stopped) return;
    await super.connect();
    this.failures = this.connected ? 0 : this.failures + 1;
  }

  override disconnect(): void {
    this.stopped = true;
    super.disconnect();
  }
}

export interface StreamDeps {
  clientId: string;
  clientSecret: string;
  /** DINGTALK_API_ROOT; see BackoffClient. */
  apiRoot?: string;
  handle: RobotHandler;
  logger: Logger;
  /** Builds the client; tests pass one whose gateway is a local fake. */
  createClient?: (opts: { clientId: string; clientSecret: string; apiRoot?: string }) => DWClient;
}

/**
 * Opens the stream and handles robot messages on TOPIC_ROBOT. A frame is acknowledged only after
 * its event is committed; one that fails is left unacknowledged, so DingTalk sends it again
 * (the SDK's docs: unanswered messages are retried within about a minute).
 */
export async function startStream(deps: StreamDeps): Promise<{ close(): void; client: DWClient }> {
  const options = { clientId: deps.clientId, clientSecret: deps.clientSecret, ...(deps.apiRoot ? { apiRoot: deps.apiRoot } : {}) };
  const client = deps.createClient ? deps.createClient(options) : new BackoffClient(options);
  client.registerCallbackListener(TOPIC_ROBOT, (frame: DWClientDownStream) => {
    void onFrame(frame);
  });
  async function onFrame(frame: DWClientDownStream): Promise<void> {
    const messageId = frame.headers?.messageId;
    let message: unknown;
    try {
      message = JSON.parse(frame.data);
    } catch {
      deps.logger.warn('dingtalk stream frame is not JSON', { messageId });
      if (messageId) client.socketCallBackResponse(messageId, {});
      return;
    }
    try {
      await deps.handle((message ?? {}) as Parameters<RobotHandler>[0]);
      if (messageId) client.socketCallBackResponse(messageId, {});
    } catch (err) {
      deps.logger.error('dingtalk stream message failed', { messageId, error: err instanceof Error ? err.message : String(err) });
    }
  }
  await client.connect();
  return { client, close: () => client.disconnect() };
}
