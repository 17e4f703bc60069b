import type { Api } from 'grammy';
import { AppError } from '../../../domain/errors.js';
import { commandMenus } from './command-menu.js';
import { ALLOWED_UPDATES } from './polling.js';

export interface SetupOptions {
  api: Api;
  mode: 'webhook' | 'polling';
  publicUrl?: string | undefined;
  secret?: string | undefined;
  /** Progress lines for the operator; never given the token or the secret. */
  say: (line: string) => void;
}

export function webhookUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/u, '')}/webhook/telegram`;
}

/**
 * Points Telegram at this deployment (webhook with its secret, or none for long polling) and
 * installs the command menus. Safe to run again: every call replaces what was set before.
 */
export async function setUpTelegram(o: SetupOptions): Promise<void> {
  if (o.mode === 'webhook') {
    if (!o.publicUrl) throw new AppError('config', 'PUBLIC_URL is required to set the webhook (the https address Telegram will post to)');
    if (!o.secret) throw new AppError('config', 'TELEGRAM_WEBHOOK_SECRET is required to set the webhook');
    const url = webhookUrl(o.publicUrl);
    await o.api.setWebhook(url, { secret_token: o.secret, allowed_updates: [...ALLOWED_UPDATES], drop_pending_updates: false });
    o.say(`Webhook 已设置：${url}`);
  } else {
    // Long polling and a webhook exclude each other; keep what is queued for the poller.
    await o.api.deleteWebhook({ drop_pending_updates: false });
    o.say('已删除 Webhook（长轮询模式）。');
  }
  for (const menu of commandMenus()) {
    await o.api.setMyCommands(menu.commands, { scope: menu.scope });
    o.say(`命令菜单已设置：${menu.scope.type}（${menu.commands.length} 条）`);
  }
}
