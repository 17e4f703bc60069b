import * as lark from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../engine/ports.js';

export interface LarkClientOptions {
  appId: string;
  appSecret: string;
  /** `feishu`, `lark`, or a base URL (a gateway, or a fake Open API in tests). */
  domain: string;
  /** Replaces the SDK's axios instance (tests may capture calls this way). */
  httpInstance?: lark.HttpInstance;
  logger: Logger;
}

export interface LarkClient {
  client: lark.Client;
  /** Forget the tenant token so the next call fetches a fresh one (after code 99991663). */
  resetToken(): void;
}

export function larkDomain(domain: string): lark.Domain | string {
  if (domain === 'feishu') return lark.Domain.Feishu;
  if (domain === 'lark') return lark.Domain.Lark;
  return domain.replace(/\/+$/u, '');
}

/**
 * The SDK logs whole axios errors, whose request headers carry the tenant token. Only short
 * string messages pass, and none that mention a token or secret.
 */
export function sdkLogger(logger: Logger): lark.Logger {
  const pass = (write: (msg: string) => void) => (...args: unknown[]) => {
    const text = args.filter((a): a is string => typeof a === 'string').join(' ').slice(0, 300);
    if (text && !/token|secret|authorization/iu.test(text)) write(text);
  };
  return {
    error: pass((m) => logger.error('lark sdk', { detail: m })),
    warn: pass((m) => logger.warn('lark sdk', { detail: m })),
    info: pass((m) => logger.info('lark sdk', { detail: m })),
    debug: () => {},
    trace: () => {},
  };
}

/**
 * An Open API client with its own token cache: the SDK's default cache is shared by every
 * client in the process, and we need to drop a token Feishu says is no longer valid.
 */
export function createLarkClient(options: LarkClientOptions): LarkClient {
  const values = new Map<string, { value: unknown; expiresAt: number | undefined }>();
  const keyOf = (key: string | symbol, namespace?: string) => `${namespace ?? ''}/${key.toString()}`;
  const cache: lark.Cache = {
    async set(key, value, expiresAt, opts) {
      values.set(keyOf(key as string | symbol, opts?.namespace), { value, expiresAt });
      return true;
    },
    async get(key, opts) {
      const hit = values.get(keyOf(key as string | symbol, opts?.namespace));
      if (!hit) return undefined;
      if (hit.expiresAt !== undefined && hit.expiresAt <= Date.now()) return undefined;
      return hit.value;
    },
  };
  const client = new lark.Client({
    appId: options.appId,
    appSecret: options.appSecret,
    domain: larkDomain(options.domain),
    cache,
    logger: sdkLogger(options.logger),
    loggerLevel: lark.LoggerLevel.warn,
    ...(options.httpInstance ? { httpInstance: options.httpInstance } : {}),
  });
  return { client, resetToken: () => values.clear() };
}
