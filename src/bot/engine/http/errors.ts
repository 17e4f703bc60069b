import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type AppErrorCode } from '../../../domain/errors.js';
import type { Logger } from '../ports.js';

export function statusOf(code: AppErrorCode): ContentfulStatusCode {
  switch (code) {
    case 'bad_request':
      return 400;
    case 'unauthorized':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'payload_too_large':
      return 413;
    case 'conflict':
      return 409;
    case 'config':
    case 'platform':
      return 500;
  }
}

const CODE_OF_STATUS = { 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 413: 'payload_too_large' } as const;
export type RefusalStatus = keyof typeof CODE_OF_STATUS;

/**
 * A request a route refuses (forged, stale, too large, not JSON): thrown, and answered by
 * errorHandler as { error: reason } with this status, so every webhook refuses the same way.
 */
export function refusal(status: RefusalStatus, reason: string): AppError {
  return new AppError(CODE_OF_STATUS[status], reason);
}

/** The one place errors become HTTP answers. Internal details go to the log, never the client. */
export function errorHandler(logger: Logger) {
  return (err: Error, c: Context) => {
    if (err instanceof AppError && statusOf(err.code) < 500) {
      return c.json({ error: err.message }, statusOf(err.code));
    }
    logger.error('request failed', { path: c.req.path, error: err.message });
    return c.json({ error: 'internal error' }, 500);
  };
}
