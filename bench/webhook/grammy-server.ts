/**
 * (b) What a person would write by hand: a grammY bot that echoes text messages, on Hono's
 * webhookCallback with the secret token checked, getMe skipped (botInfo given) and the Bot API
 * at TELEGRAM_API_ROOT. Prints its address once listening.
 */
import { serve } from '@hono/node-server';
import { Bot, webhookCallback } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { Hono } from 'hono';

const token = process.env.TELEGRAM_BOT_TOKEN;
const apiRoot = process.env.TELEGRAM_API_ROOT;
const secretToken = process.env.TELEGRAM_WEBHOOK_SECRET;
const botInfo = process.env.TELEGRAM_BOT_INFO;
if (!token || !apiRoot || !secretToken || !botInfo) {
  throw new Error('set TELEGRAM_BOT_TOKEN, TELEGRAM_API_ROOT, TELEGRAM_WEBHOOK_SECRET and TELEGRAM_BOT_INFO');
}

const bot = new Bot(token, { botInfo: JSON.parse(botInfo) as UserFromGetMe, client: { apiRoot } });
bot.on('message:text', (ctx) => ctx.reply(ctx.message.text));
const app = new Hono();
app.post('/webhook', webhookCallback(bot, 'hono', { secretToken }));
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => console.log(`listening http://127.0.0.1:${info.port}`));
// Idle connections kept as long as our server keeps them (src/node.ts), so all hold the sender's.
Object.assign(server, { keepAliveTimeout: 65_000, headersTimeout: 66_000 });
