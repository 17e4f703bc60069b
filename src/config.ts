import { z } from 'zod';
import { AppError } from './domain/errors.js';
import { isPlatformName, PLATFORM_NAMES, PLATFORMS, type PlatformName } from './bot/platforms/registry.js';

const optional = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s ? s : undefined));

const adminList = z
  .string()
  .optional()
  .transform((s, ctx) => {
    const out: { platform: PlatformName; userId: string }[] = [];
    for (const part of (s ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
      const i = part.indexOf(':');
      const platform = part.slice(0, i);
      const userId = part.slice(i + 1);
      if (i < 1 || !isPlatformName(platform) || !userId) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not platform:userId (platform is ${PLATFORM_NAMES.slice(0, -1).join(', ')} or ${PLATFORM_NAMES.at(-1)})` });
        return z.NEVER;
      }
      out.push({ platform, userId });
    }
    return out;
  });

const timeZone = z
  .string()
  .default('Asia/Shanghai')
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'is not an IANA time zone such as Asia/Shanghai');

const url = z.url({ protocol: /^https?$/ });

/** Every setting the bot reads, parsed once at start. Names and defaults are the operators' contract. */
export const ConfigSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(8787),
    HOST: z.string().default('127.0.0.1'),
    DATABASE_PATH: z.string().min(1).default('./data/guixiang.db'),
    BOT_TIMEZONE: timeZone,
    PUBLIC_URL: url.optional().or(z.literal('').transform(() => undefined)),
    ADMINS: adminList,
    DEV_CONSOLE: z.enum(['0', '1', '']).optional(),
    TELEGRAM_BOT_TOKEN: optional,
    TELEGRAM_WEBHOOK_SECRET: optional.refine((s) => s === undefined || /^[A-Za-z0-9_-]{1,256}$/u.test(s), {
      message: 'may only contain A-Z, a-z, 0-9, _ and - (1–256 characters), as Telegram requires',
    }),
    TELEGRAM_MODE: z.enum(['webhook', 'polling']).default('webhook'),
    TELEGRAM_API_ROOT: url.default('https://api.telegram.org'),
    TELEGRAM_BOT_INFO: optional.transform((s, ctx) => {
      if (!s) return undefined;
      try {
        const info = JSON.parse(s) as { id?: unknown; username?: unknown; is_bot?: unknown };
        if (typeof info.id !== 'number' || typeof info.username !== 'string') throw new Error('shape');
        return info as { id: number; username: string; is_bot: true; first_name: string } & Record<string, unknown>;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be the JSON of getMe (with id and username)' });
        return z.NEVER;
      }
    }),
    LARK_APP_ID: optional,
    LARK_APP_SECRET: optional,
    LARK_VERIFICATION_TOKEN: optional,
    LARK_ENCRYPT_KEY: optional,
    LARK_MODE: z.enum(['webhook', 'ws']).default('webhook'),
    LARK_DOMAIN: z.union([z.enum(['feishu', 'lark']), url]).default('feishu'),
    DINGTALK_CLIENT_ID: optional,
    DINGTALK_CLIENT_SECRET: optional,
    /** The robot's code; DingTalk gives an enterprise internal app's robot the app's client id. */
    DINGTALK_ROBOT_CODE: optional,
    /** Unset: stream on Node, webhook on Workers (decided in parseConfig, which knows the runtime). */
    DINGTALK_MODE: z.enum(['stream', 'webhook']).optional(),
    DINGTALK_API_ROOT: url.default('https://api.dingtalk.com'),
    /** WeCom smart robot (docs/WECOM.md): `ws` long connection (Node) or `webhook` URL callback. Default: ws on Node, webhook on Workers. */
    WECOM_MODE: z.enum(['ws', 'webhook']).optional(),
    WECOM_BOT_ID: optional,
    WECOM_BOT_SECRET: optional,
    WECOM_TOKEN: optional.refine((s) => s === undefined || /^[A-Za-z0-9]{3,32}$/u.test(s), { message: 'must be 3–32 letters or digits, as WeCom requires' }),
    WECOM_ENCODING_AES_KEY: optional.refine((s) => s === undefined || /^[A-Za-z0-9+/]{43}$/u.test(s), { message: 'must be the 43-character EncodingAESKey WeCom generated' }),
    WECOM_WS_URL: z.url({ protocol: /^wss?$/ }).default('wss://openws.work.weixin.qq.com'),
    WECOM_API_ROOT: url.default('https://qyapi.weixin.qq.com'),
    /** JSON file of extra holidays and make-up working days, asked before the packaged calendar. */
    CALENDAR_OVERRIDES: optional,
    /** Five-ones reminder cadence (see NudgeCadence): days after joining before the first one. */
    NUDGE_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(30),
    /** At most this many reminders per person in a calendar month. */
    NUDGES_PER_MONTH: z.coerce.number().int().min(0).max(5).default(1),
    /** At most this many reminders per person in a calendar quarter. */
    NUDGES_PER_QUARTER: z.coerce.number().int().min(0).max(15).default(3),
    /** Unanswered reminders after which the paired station contact is told in private. */
    NUDGE_ESCALATE_AFTER: z.coerce.number().int().min(1).max(12).default(3),
    /**
     * Signs dashboard links. Required once a platform is configured: a key generated into the
     * database would let anyone holding a backup mint links. Local mode may keep the generated key.
     */
    DASHBOARD_SECRET: optional.refine((s) => s === undefined || s.length >= 16, { message: 'must be at least 16 characters' }),
  })
  .superRefine((c, ctx) => {
    if (c.TELEGRAM_BOT_TOKEN && c.TELEGRAM_MODE === 'webhook' && !c.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['TELEGRAM_WEBHOOK_SECRET'],
        message: 'is required with TELEGRAM_BOT_TOKEN in webhook mode (it proves a request comes from Telegram)',
      });
    }
    if (Boolean(c.LARK_APP_ID) !== Boolean(c.LARK_APP_SECRET)) {
      ctx.addIssue({ code: 'custom', path: [c.LARK_APP_ID ? 'LARK_APP_SECRET' : 'LARK_APP_ID'], message: 'LARK_APP_ID and LARK_APP_SECRET go together' });
    }
    if (Boolean(c.WECOM_BOT_ID) !== Boolean(c.WECOM_BOT_SECRET)) {
      ctx.addIssue({ code: 'custom', path: [c.WECOM_BOT_ID ? 'WECOM_BOT_SECRET' : 'WECOM_BOT_ID'], message: 'WECOM_BOT_ID and WECOM_BOT_SECRET go together' });
    }
    if (Boolean(c.WECOM_TOKEN) !== Boolean(c.WECOM_ENCODING_AES_KEY)) {
      ctx.addIssue({ code: 'custom', path: [c.WECOM_TOKEN ? 'WECOM_ENCODING_AES_KEY' : 'WECOM_TOKEN'], message: 'WECOM_TOKEN and WECOM_ENCODING_AES_KEY go together' });
    }
    if (Boolean(c.DINGTALK_CLIENT_ID) !== Boolean(c.DINGTALK_CLIENT_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: [c.DINGTALK_CLIENT_ID ? 'DINGTALK_CLIENT_SECRET' : 'DINGTALK_CLIENT_ID'],
        message: 'DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET go together',
      });
    }
    if (c.LARK_APP_ID && c.LARK_MODE === 'webhook' && !c.LARK_ENCRYPT_KEY && !c.LARK_VERIFICATION_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['LARK_VERIFICATION_TOKEN'],
        message: 'or LARK_ENCRYPT_KEY is required in webhook mode, or anyone could post events',
      });
    }
  });

/** The settings as parsed, before what is derived from them. */
export type Settings = z.infer<typeof ConfigSchema>;

export type Config = Omit<Settings, 'DINGTALK_MODE' | 'DINGTALK_ROBOT_CODE'> & {
  /** How DingTalk events arrive: the stream (an outbound connection) or HTTP callbacks. */
  DINGTALK_MODE: 'stream' | 'webhook';
  /** The robot code, the client id when not set. */
  DINGTALK_ROBOT_CODE: string | undefined;
  /** No platform configured: only the local console is served. */
  localMode: boolean;
  /** Whether /dev is served: in local mode, or when DEV_CONSOLE=1. */
  devConsole: boolean;
};

/** Where the bot runs. Workers serve requests only: no long-lived connection survives there. */
export type Runtime = 'node' | 'workers';

/** Parse the environment (or Worker bindings). A bad value stops start-up naming the variable. */
export function parseConfig(env: Record<string, string | undefined>, options: { runtime?: Runtime } = {}): Config {
  const result = ConfigSchema.superRefine((c, ctx) => {
    if (!c.DASHBOARD_SECRET && PLATFORMS.some((p) => !p.console && p.configured(c))) {
      ctx.addIssue({
        code: 'custom',
        path: ['DASHBOARD_SECRET'],
        message: 'is required once a platform (Telegram, Feishu, DingTalk or WeCom) is configured (16+ characters, the same on every server); a key kept in the database would let anyone with a backup sign dashboard links',
      });
    }
    if (options.runtime !== 'workers') return;
    if (c.TELEGRAM_MODE === 'polling') {
      ctx.addIssue({
        code: 'custom',
        path: ['TELEGRAM_MODE'],
        message: 'polling needs a long-running Node process; on Workers set it to webhook (or leave it unset) and run npm run telegram:setup',
      });
    }
    if (c.WECOM_MODE === 'ws' || (c.WECOM_BOT_ID && !c.WECOM_TOKEN && c.WECOM_MODE !== 'webhook')) {
      ctx.addIssue({
        code: 'custom',
        path: ['WECOM_MODE'],
        message: 'ws (long connection) needs a long-running Node process; on Workers set WECOM_MODE=webhook with WECOM_TOKEN and WECOM_ENCODING_AES_KEY',
      });
    }
    if (c.LARK_MODE === 'ws') {
      ctx.addIssue({
        code: 'custom',
        path: ['LARK_MODE'],
        message: 'ws (long connection) needs a long-running Node process; on Workers set it to webhook (or leave it unset) and point the Feishu event URL at /webhook/lark',
      });
    }
    if (c.DINGTALK_MODE === 'stream') {
      ctx.addIssue({
        code: 'custom',
        path: ['DINGTALK_MODE'],
        message: "stream needs a long-running Node process; on Workers set it to webhook (or leave it unset) and point the robot's HTTP message URL at /webhook/dingtalk",
      });
    }
  }).safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(config)'}: ${i.message}`);
    throw new AppError('config', `Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = result.data;
  const localMode = !PLATFORMS.some((p) => !p.console && p.configured(c));
  const devConsole = c.DEV_CONSOLE === '1' || (localMode && c.DEV_CONSOLE !== '0');
  const DINGTALK_MODE = c.DINGTALK_MODE ?? (options.runtime === 'workers' ? 'webhook' : 'stream');
  return { ...c, DINGTALK_MODE, DINGTALK_ROBOT_CODE: c.DINGTALK_ROBOT_CODE ?? c.DINGTALK_CLIENT_ID, localMode, devConsole };
}
