import { GrammyError, HttpError } from 'grammy';
import { PlatformError } from '../../../domain/errors.js';

/**
 * What a failed Bot API call means for the outbox. grammY's errors never contain the token, and
 * neither does the message built here (method, code and Telegram's description only).
 */
export function toPlatformError(err: unknown): PlatformError {
  if (err instanceof PlatformError) return err;
  if (err instanceof GrammyError) {
    const code = err.error_code;
    const message = `telegram ${err.method} ${code}: ${err.description}`;
    const migratedTo = err.parameters?.migrate_to_chat_id;
    if (migratedTo !== undefined) return new PlatformError('telegram', message, { status: code, migratedTo: String(migratedTo) });
    const retryAfter = err.parameters?.retry_after;
    if (code === 429) return new PlatformError('telegram', message, { status: code, retryAfterMs: (retryAfter ?? 1) * 1000 });
    // 403: blocked by the person, or removed from the group. 400: the request itself is wrong
    // (chat gone, bad markup). Sending the same again cannot succeed.
    if (code === 403 || code === 400) return new PlatformError('telegram', message, { status: code, retryable: false });
    // 401/404 mean a wrong token or API root: retrying gives the operator time to fix it.
    return new PlatformError('telegram', message, { status: code, ...(retryAfter ? { retryAfterMs: retryAfter * 1000 } : {}) });
  }
  if (err instanceof HttpError) return new PlatformError('telegram', `telegram network error: ${err.message}`);
  return new PlatformError('telegram', `telegram send failed: ${err instanceof Error ? err.message : String(err)}`);
}

/** Telegram's description of a 400, for the few that call for another route rather than failure. */
export function badRequestSays(err: unknown, pattern: RegExp): boolean {
  return err instanceof GrammyError && err.error_code === 400 && pattern.test(err.description);
}
