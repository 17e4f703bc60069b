import { PlatformError } from '../../../domain/errors.js';

/** A failed OpenAPI call reduced to what decides retrying; nothing of the request (the token) is kept. */
export interface DingTalkFailure {
  status: number | null;
  code: string | null;
  message: string;
}

/** How long to hold a chat back when DingTalk says we are over a limit without saying for how long. */
export const RATE_LIMIT_BACKOFF_MS = 10_000;

/** The token was refused: expired early, or revoked (HTTP 401, code InvalidAuthentication). */
export function isTokenRejected(f: DingTalkFailure): boolean {
  return f.status === 401 || f.code === 'InvalidAuthentication' || f.code === 'invalidAuthentication';
}

/** 429, or a 403 whose code names a QPS or flow limit (Forbidden.AccessDenied.QpsLimitForApi and kin). */
export function isRateLimited(f: DingTalkFailure): boolean {
  return f.status === 429 || /qpslimit|throttl|flowcontrol|ratelimit/iu.test(f.code ?? '');
}

/**
 * The robot was removed from the group or stopped, or the person is outside the robot's reach:
 * codes from the robot send APIs' error tables (robotCode.notExsit reads "check whether the robot
 * is in the group"; bot.stopped; an unknown openConversationId; a user id DingTalk lists invalid).
 */
export function isUnreachable(f: DingTalkFailure): boolean {
  return /robotcode\.notexsit|robotcode\.notexist|bot\.stopped|invalid\.openconversationid|staffid\.invalid|nopermission|forbidden\.noauth/iu.test(f.code ?? '');
}

export function toPlatformError(action: string, f: DingTalkFailure): PlatformError {
  const text = `dingtalk ${action} failed: ${f.status === null ? '' : `HTTP ${f.status} `}${f.code ?? ''} ${f.message}`.replace(/\s+/gu, ' ').trim();
  if (isRateLimited(f)) return new PlatformError('dingtalk', text, { retryAfterMs: RATE_LIMIT_BACKOFF_MS, status: 429 });
  // 403 tells the dispatcher the chat is unreachable, so nothing more is queued there.
  if (isUnreachable(f)) return new PlatformError('dingtalk', text, { retryable: false, status: 403 });
  if (f.status !== null && f.status >= 400 && f.status < 500 && !isTokenRejected(f)) return new PlatformError('dingtalk', text, { retryable: false, status: f.status });
  return new PlatformError('dingtalk', text, { status: f.status });
}

export class DingTalkCallError extends Error {
  constructor(
    readonly action: string,
    readonly failure: DingTalkFailure,
  ) {
    super(`dingtalk ${action}: ${failure.code ?? failure.status ?? 'network'}`);
    this.name = 'DingTalkCallError';
  }
}
