import { PlatformError } from '../../../domain/errors.js';

/** Open API codes whose meaning changes what the sender does next. */
export const LARK_CODES = {
  rateLimited: 99991400,
  tokenInvalid: 99991663,
  /** The chat's own limit (5 messages a second shared by every bot in it). */
  chatRateLimited: 230020,
  botNotInChat: 230002,
  userOutOfScope: 230013,
  /** The message to reply to or patch was recalled or no longer exists. */
  messageRecalled: 230011,
  messageNotFound: 231003,
} as const;

/** How long a chat that hit its own limit is left alone; other chats carry on meanwhile. */
export const CHAT_BACKOFF_MS = 2_000;

/** An Open API answer with a non-zero code, or an HTTP failure, reduced to what decides retrying. */
export interface LarkFailure {
  status: number | null;
  code: number | null;
  msg: string;
  resetSeconds: number | null;
}

/** A 200 answer whose body says it failed. */
export class LarkApiError extends Error {
  constructor(
    readonly code: number,
    readonly msgText: string,
  ) {
    super(`code ${code}: ${msgText}`);
    this.name = 'LarkApiError';
  }
}

interface AxiosLike {
  response?: { status?: number; data?: unknown; headers?: Record<string, unknown> };
  code?: string;
  message?: string;
}

/** Reads an axios error or a LarkApiError; nothing from the request (which holds the token) is kept. */
export function failureOf(err: unknown): LarkFailure {
  if (err instanceof LarkApiError) return { status: null, code: err.code, msg: err.msgText, resetSeconds: null };
  const e = (err ?? {}) as AxiosLike;
  const data = (e.response?.data ?? {}) as { code?: unknown; msg?: unknown };
  const reset = Number(e.response?.headers?.['x-ogw-ratelimit-reset']);
  return {
    status: typeof e.response?.status === 'number' ? e.response.status : null,
    code: typeof data.code === 'number' ? data.code : null,
    msg: typeof data.msg === 'string' ? data.msg.slice(0, 200) : e.response ? '' : (e.code ?? 'network error'),
    resetSeconds: Number.isFinite(reset) && reset >= 0 ? reset : null,
  };
}

export function isTokenExpired(f: LarkFailure): boolean {
  return f.code === LARK_CODES.tokenInvalid;
}

export function isChatGone(f: LarkFailure): boolean {
  return f.code === LARK_CODES.botNotInChat || f.code === LARK_CODES.userOutOfScope;
}

export function isRateLimited(f: LarkFailure): boolean {
  return f.status === 429 || f.code === LARK_CODES.rateLimited || f.code === LARK_CODES.chatRateLimited;
}

/** Failures that no retry of the same request can fix (a refused card, a bad request). */
export function isPermanent(f: LarkFailure): boolean {
  if (isRateLimited(f) || isTokenExpired(f)) return false;
  if (f.status === null) return f.code !== null; // a 200 with an error code is an answer, not an outage
  return f.status >= 400 && f.status < 500;
}

/** The one mapping from a Feishu failure to what the dispatcher understands. */
export function toPlatformError(action: string, f: LarkFailure): PlatformError {
  const text = `lark ${action} failed: ${f.status === null ? '' : `HTTP ${f.status} `}${f.code === null ? '' : `code ${f.code} `}${f.msg}`.trim();
  if (f.status === 429 || f.code === LARK_CODES.rateLimited) {
    return new PlatformError('lark', text, { retryAfterMs: Math.max(1, f.resetSeconds ?? 1) * 1000, status: f.status ?? 429 });
  }
  if (f.code === LARK_CODES.chatRateLimited) return new PlatformError('lark', text, { retryAfterMs: CHAT_BACKOFF_MS, status: f.status });
  // 403 tells the dispatcher the chat is unreachable, so nothing more is queued there.
  if (isChatGone(f)) return new PlatformError('lark', text, { retryable: false, status: 403 });
  if (isPermanent(f)) return new PlatformError('lark', text, { retryable: false, status: f.status });
  return new PlatformError('lark', text, { status: f.status });
}
