import { Api } from 'grammy';
import { parseConfig } from '../../../config.js';
import { setUpTelegram } from './setup.js';
import { toPlatformError } from './errors.js';
import { AppError } from '../../../domain/errors.js';

/**
 * `npm run telegram:setup`: tells Telegram where to deliver updates (PUBLIC_URL + /webhook/telegram
 * with the secret token, or no webhook in polling mode) and installs the Chinese command menus.
 */
async function main(): Promise<void> {
  const config = parseConfig(process.env);
  if (!config.TELEGRAM_BOT_TOKEN) throw new AppError('config', 'TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather and put its token in the environment');
  const api = new Api(config.TELEGRAM_BOT_TOKEN, { apiRoot: config.TELEGRAM_API_ROOT });
  await setUpTelegram({
    api,
    mode: config.TELEGRAM_MODE,
    publicUrl: config.PUBLIC_URL,
    secret: config.TELEGRAM_WEBHOOK_SECRET,
    say: (line) => console.log(line),
  });
}

main().catch((err: unknown) => {
  if (err instanceof AppError) console.error(err.message);
  else console.error(`Telegram 设置失败：${toPlatformError(err).message}`);
  process.exit(1);
});
