import type { Logger } from '../../engine/ports.js';
import { DingTalkCallError, isTokenRejected, type DingTalkFailure } from './errors.js';

/** The official OpenAPI host; with it, media uploads go to the older API host beside it. */
export const OFFICIAL_API_ROOT = 'https://api.dingtalk.com';
const OFFICIAL_OAPI_ROOT = 'https://oapi.dingtalk.com';

/**
 * A token is good for 7,200 s (expireIn); DingTalk advises refreshing a little early so a clock
 * difference never sends an expired one. Ours is renewed once less than this much is left.
 */
const REFRESH_BEFORE_MS = 5 * 60_000;
/** One OpenAPI call; a hung connection must not hold a drain forever. */
const CALL_TIMEOUT_MS = 15_000;

export interface DingTalkApiOptions {
  clientId: string;
  clientSecret: string;
  /** DINGTALK_API_ROOT: the new OpenAPI (token, robot messages). */
  apiRoot: string;
  /**
   * Host of /media/upload, which only the older API (oapi) has. Defaults to the official oapi
   * host when apiRoot is the official one, else to apiRoot itself (a gateway or a test fake).
   */
  oapiRoot?: string;
  fetch?: typeof fetch;
  /** Monotonic milliseconds for the token's lifetime; real time, not the domain clock. */
  now?: () => number;
  logger: Logger;
}

export interface DingTalkApi {
  /** POST a JSON body to the new OpenAPI with the access token; an answer that is not 2xx throws. */
  post(action: string, path: string, body: unknown): Promise<Record<string, unknown>>;
  /** Upload bytes to /media/upload and return the media id. */
  upload(type: 'image' | 'file', fileName: string, bytes: Uint8Array): Promise<string>;
  /** Forget the token (DingTalk refused it) so the next call fetches a fresh one. */
  resetToken(): void;
}

export function oapiRootFor(apiRoot: string): string {
  return apiRoot.replace(/\/+$/u, '') === OFFICIAL_API_ROOT ? OFFICIAL_OAPI_ROOT : apiRoot;
}

async function readJson(res: Response): Promise<Record<string, unknown>> {
  try {
    const value = (await res.json()) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function failureOf(status: number | null, body: Record<string, unknown>, fallback: string): DingTalkFailure {
  const code = typeof body.code === 'string' ? body.code : typeof body.errcode === 'number' ? String(body.errcode) : null;
  const message = typeof body.message === 'string' ? body.message : typeof body.errmsg === 'string' ? body.errmsg : fallback;
  return { status, code, message: message.slice(0, 200) };
}

export function createDingTalkApi(options: DingTalkApiOptions): DingTalkApi {
  const root = options.apiRoot.replace(/\/+$/u, '');
  const oapi = (options.oapiRoot ?? oapiRootFor(root)).replace(/\/+$/u, '');
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? (() => performance.timeOrigin + performance.now());
  let token: { value: string; renewAt: number } | null = null;
  let pending: Promise<string> | null = null;

  async function request(action: string, url: string, init: RequestInit): Promise<Response> {
    try {
      return await doFetch(url, { ...init, signal: AbortSignal.timeout(CALL_TIMEOUT_MS) });
    } catch (err) {
      throw new DingTalkCallError(action, { status: null, code: null, message: err instanceof Error ? err.name : 'network error' });
    }
  }

  async function fetchToken(): Promise<string> {
    const res = await request('token', `${root}/v1.0/oauth2/accessToken`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ appKey: options.clientId, appSecret: options.clientSecret }),
    });
    const body = await readJson(res);
    if (!res.ok || typeof body.accessToken !== 'string') throw new DingTalkCallError('token', failureOf(res.status, body, 'no accessToken'));
    const lifetimeMs = (typeof body.expireIn === 'number' ? body.expireIn : 7200) * 1000;
    token = { value: body.accessToken, renewAt: now() + Math.max(0, lifetimeMs - REFRESH_BEFORE_MS) };
    return body.accessToken;
  }

  /** Concurrent sends share one token request. */
  function accessToken(): Promise<string> {
    if (token && now() < token.renewAt) return Promise.resolve(token.value);
    pending ??= fetchToken().finally(() => {
      pending = null;
    });
    return pending;
  }

  /** Runs a call with the token; a refused token is dropped and the call made once more. */
  async function withToken<T>(action: string, run: (token: string) => Promise<{ res: Response; body: Record<string, unknown>; ok: boolean }>, pick: (body: Record<string, unknown>) => T): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const { res, body, ok } = await run(await accessToken());
      if (ok) return pick(body);
      const failure = failureOf(res.status, body, res.statusText);
      if (isTokenRejected(failure) && attempt === 1) {
        options.logger.warn('dingtalk token refused, fetching a new one', { action });
        token = null;
        continue;
      }
      throw new DingTalkCallError(action, failure);
    }
  }

  return {
    post(action, path, payload) {
      return withToken(
        action,
        async (t) => {
          const res = await request(action, `${root}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-acs-dingtalk-access-token': t },
            body: JSON.stringify(payload),
          });
          const body = await readJson(res);
          return { res, body, ok: res.ok };
        },
        (body) => body,
      );
    },
    upload(type, fileName, bytes) {
      return withToken(
        'upload',
        async (t) => {
          const form = new FormData();
          form.set('type', type);
          form.set('media', new Blob([new Uint8Array(bytes)]), fileName);
          // The older API takes the token in the query string, as its docs show.
          const res = await request('upload', `${oapi}/media/upload?access_token=${encodeURIComponent(t)}`, { method: 'POST', body: form });
          const body = await readJson(res);
          // The older API answers 200 with errcode; 40014 / 42001 are its invalid / expired token codes.
          const errcode = typeof body.errcode === 'number' ? body.errcode : 0;
          const tokenGone = errcode === 40014 || errcode === 42001;
          return { res: tokenGone ? new Response(null, { status: 401 }) : res, body, ok: res.ok && errcode === 0 && typeof body.media_id === 'string' };
        },
        (body) => body.media_id as string,
      );
    },
    resetToken() {
      token = null;
    },
  };
}
