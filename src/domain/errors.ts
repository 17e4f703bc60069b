/**
 * One error type for everything the app refuses or fails at. Transports map `code` to an HTTP
 * status in one place (src/bot/engine/http/errors.ts); chat handlers turn `userMessage` into a reply.
 */
export type AppErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'payload_too_large'
  | 'conflict'
  | 'config'
  | 'platform';

export class AppError extends Error {
  readonly code: AppErrorCode;
  constructor(code: AppErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }
}

/** A send that failed at a platform; `retryAfterMs` comes from the platform when it gives one. */
export class PlatformError extends Error {
  readonly platform: string;
  readonly retryAfterMs: number | null;
  /** False when retrying cannot help (blocked by the user, chat gone, bad request). */
  readonly retryable: boolean;
  readonly status: number | null;
  /** Set when the platform says the chat moved to a new id (a group upgraded). */
  readonly migratedTo: string | null;
  /** Of a message sent in parts, how many had been delivered (counted from the first) when this failed. */
  readonly partsSent: number | null;
  constructor(
    platform: string,
    message: string,
    opts: { retryAfterMs?: number | null; retryable?: boolean; status?: number | null; migratedTo?: string | null; partsSent?: number | null } = {},
  ) {
    super(message);
    this.name = 'PlatformError';
    this.platform = platform;
    this.retryAfterMs = opts.retryAfterMs ?? null;
    this.retryable = opts.retryable ?? true;
    this.status = opts.status ?? null;
    this.migratedTo = opts.migratedTo ?? null;
    this.partsSent = opts.partsSent ?? null;
  }

  /** The same failure, saying how many parts of the message had been delivered before it. */
  withPartsSent(partsSent: number): PlatformError {
    const { retryAfterMs, retryable, status, migratedTo } = this;
    return new PlatformError(this.platform, this.message, { retryAfterMs, retryable, status, migratedTo, partsSent });
  }
}
