import type { StoredPayload } from '../../db/repo/outbox.js';
import type { Pacing } from './outbox/pacing.js';
import type { OutTarget, Platform } from '../../domain/types.js';

/** Reads the time. Injected everywhere so tests and `npm run tick -- --at` control it. */
export type Clock = () => Date;

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** One-line JSON logs; callers never pass tokens or message bodies, only ids and counts. */
export function jsonLogger(write: (line: string) => void = (l) => console.log(l)): Logger {
  const log = (level: string) => (msg: string, fields?: Record<string, unknown>) =>
    write(JSON.stringify({ level, msg, ...fields, t: new Date().toISOString() }));
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

export interface Envelope {
  key: string;
  to: OutTarget;
  payload: StoredPayload;
  attempt: number;
  /**
   * Parts of this message delivered by earlier attempts (a sender that splits a message reports
   * them in PlatformError.partsSent); the sender starts after them. 0 on a first attempt.
   */
  partsSent?: number;
}

/** The sending half of a platform adapter. Errors are PlatformError (retry-after, migration). */
export interface PlatformSender {
  readonly platform: Platform;
  /** The platform's rate limits; the dispatcher spaces sends to stay under them. None: no pacing. */
  readonly pacing?: Pacing;
  send(envelope: Envelope): Promise<{ messageId: string | null }>;
  /**
   * Update an earlier message in place (payload.editOf named it; `messageId` is what the platform
   * returned when it was sent). Optional: without it the dispatcher sends a new message.
   */
  edit?(envelope: Envelope, messageId: string): Promise<{ messageId: string | null }>;
}
