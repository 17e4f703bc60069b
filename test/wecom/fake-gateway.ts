import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface GatewayFrame {
  cmd?: string;
  headers: { req_id: string };
  body?: Record<string, unknown>;
}

/**
 * WeCom's smart-robot long connection on loopback, speaking the frames of WeCom's documentation
 * (aibot_subscribe, ping, aibot_msg_callback, aibot_event_callback, aibot_send_msg, the media
 * upload trio), so the official SDK runs unchanged against it.
 */
export async function startFakeWecomGateway(opts: { botId: string; secret: string }) {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const sent: GatewayFrame[] = [];
  const state = { failNext: 0, failCode: 45009, subscribed: 0 };
  let socket: WebSocket | null = null;
  let uploads = 0;
  const waiters: { check: () => boolean; resolve: () => void }[] = [];
  const wake = () => {
    for (const w of waiters.splice(0)) if (w.check()) w.resolve();
    else waiters.push(w);
  };
  wss.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => {
      const frame = JSON.parse(data.toString()) as GatewayFrame;
      const ack = (errcode = 0, body?: Record<string, unknown>) =>
        ws.send(JSON.stringify({ headers: { req_id: frame.headers.req_id }, errcode, errmsg: errcode ? 'refused' : 'ok', ...(body ? { body } : {}) }));
      switch (frame.cmd) {
        case 'aibot_subscribe': {
          const ok = frame.body?.bot_id === opts.botId && frame.body?.secret === opts.secret;
          if (ok) state.subscribed++;
          ack(ok ? 0 : 40058);
          break;
        }
        case 'ping':
          ack();
          break;
        case 'aibot_send_msg':
          if (state.failNext > 0) {
            state.failNext--;
            ack(state.failCode);
            break;
          }
          sent.push(frame);
          ack();
          break;
        case 'aibot_respond_update_msg':
          // Answers a pushed event with that push's own req_id.
          sent.push(frame);
          ack();
          break;
        case 'aibot_upload_media_init':
          ack(0, { upload_id: `up-${++uploads}` });
          break;
        case 'aibot_upload_media_chunk':
          ack();
          break;
        case 'aibot_upload_media_finish':
          ack(0, { type: 'file', media_id: `media-${uploads}`, created_at: '1796090400' });
          break;
        default:
          ack(40008);
      }
      wake();
    });
  });
  let pushes = 0;
  return {
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    state,
    sent,
    /** Pushes a message or event to the connected bot, as WeCom does. */
    push(body: Record<string, unknown>) {
      const cmd = body.msgtype === 'event' ? 'aibot_event_callback' : 'aibot_msg_callback';
      socket?.send(JSON.stringify({ cmd, headers: { req_id: `push-${++pushes}` }, body }));
    },
    waitFor(check: () => boolean, timeoutMs = 5_000): Promise<void> {
      if (check()) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('the fake WeCom gateway waited in vain')), timeoutMs);
        waiters.push({
          check,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  };
}
