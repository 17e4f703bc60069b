import type { Config } from '../../../config.js';
import type { LarkAdapter, LarkAdapterDeps } from './index.js';

export type LarkAdapterFactory = (deps: LarkAdapterDeps) => LarkAdapter;

/**
 * The Feishu adapter, loaded only when Feishu is configured: its SDK takes some 100 MB of memory
 * once imported, which a Telegram-only or local deployment should not pay for.
 */
export async function loadLarkAdapter(config: Pick<Config, 'LARK_APP_ID' | 'LARK_APP_SECRET'>): Promise<LarkAdapterFactory | undefined> {
  if (!config.LARK_APP_ID || !config.LARK_APP_SECRET) return undefined;
  return (await import('./index.js')).createLarkAdapter;
}
