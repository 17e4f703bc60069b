import type { DirectoryLookup } from '../features/identity/directory.js';
import type { Hono } from 'hono';
import type { Config, Runtime, Settings } from '../../config.js';
import type { Store } from '../../db/store.js';
import type { ChartSpec, InboundEvent } from '../../domain/types.js';
import type { Dispatcher } from '../engine/outbox/dispatcher.js';
import type { Pipeline } from '../engine/pipeline.js';
import type { Clock, Logger, PlatformSender } from '../engine/ports.js';

/**
 * What a platform can show. Handlers and the dispatcher ask these instead of the platform's name,
 * so a new platform gets the right behaviour by declaring what it supports.
 */
export interface Capabilities {
  /** Buttons under a message whose press comes back as an event. */
  buttons: boolean;
  /** Updating a sent message in place (a sign-in card listing who has signed in). */
  editInPlace: boolean;
  /** Files as attachments (ledger workbook, forwarding document). */
  files: boolean;
  /** Images (a chart drawn as PNG). */
  images: boolean;
  /** Rich cards drawn by the platform (Feishu's chart card). */
  cards: boolean;
  /** Messages to one person outside any group (dashboard links, reminders). */
  privateMessages: boolean;
}

/**
 * How a person is written to in private. Static facts of the platform, known without its
 * credentials: the scheduler decides who can be reached before anything is sent.
 */
export interface PrivateAddressing {
  /** The chat id of a person's private chat with the bot. */
  privateChatId(userId: string): string;
  /** The person a private chat id belongs to, or null when the id names a group. */
  privateUserOf(chatId: string): string | null;
  /**
   * True when the bot cannot open a private chat itself: the person must have talked to it in
   * private first, which leaves a chats row. False when it may write to any user it knows of.
   */
  privateChatNeedsStart: boolean;
}

/** What the engine hands an adapter when it builds one. */
export interface PlatformServices {
  config: Config;
  runtime: Runtime;
  store: Store;
  pipeline: Pipeline;
  dispatcher: Dispatcher;
  clock: Clock;
  logger: Logger;
  /** Fresh ids (events the platform gives none); injected so tests get stable ones. */
  newId: () => string;
  /** Work a webhook starts but need not wait for (sending after the answer, button acknowledgements). */
  defer: (task: Promise<unknown>) => void;
  /** Draws a chart as PNG, for platforms that show images but cannot draw charts themselves. */
  renderChart?: (spec: ChartSpec) => Promise<Uint8Array>;
}

/**
 * One platform as the engine sees it: events come in through its webhook route (or its own
 * connection) and are parsed into InboundEvents for the pipeline; outbox rows go out through its
 * sender, paced as the sender declares.
 */
export interface PlatformAdapter {
  readonly name: string;
  /** Sends outbox rows; its `pacing` is the platform's rate limits, enforced by the dispatcher. */
  readonly sender: PlatformSender;
  readonly capabilities: Capabilities;
  /** The bot's own user name, so "/cmd@this_bot" is told from "/cmd@other_bot"; null when the platform has none. */
  readonly botUsername: string | null;
  /**
   * Who a sender is in the organisation's directory (mobile, employee number), where the platform
   * has one the app may read: Feishu's contact API; DingTalk's user detail by staffId and WeCom's
   * user/get later. Absent: claims fall back to the phone tail.
   */
  readonly directory?: DirectoryLookup;
  /**
   * Adds the platform's webhook route(s) to the app (POST /webhook/<name>), each verifying that a
   * request comes from the platform before reading it. Absent when events arrive otherwise.
   */
  registerRoutes?(app: Hono): void;
  /**
   * The platform's event payload (already verified and decoded) as the one internal event; null
   * for what the bot has no use for. `now` stamps events that carry no time of their own.
   */
  parse(payload: unknown, now: Date): Promise<InboundEvent | null>;
  /** Starts a receive mode of a long-running process (long polling, a long connection). */
  start?(): Promise<void>;
  /** Ends what `start` began. */
  stop?(): Promise<void>;
}

/**
 * A platform in the registry. Light to import: its SDK is loaded by `create`, and only when the
 * platform is configured, so a deployment does not pay in memory for platforms it does not use.
 */
export interface PlatformDefinition<Name extends string = string, Options = unknown> extends PrivateAddressing {
  readonly name: Name;
  /** How people call the platform, in replies that name it (「绑定账号」). */
  readonly label: string;
  /** Other words for it in a spreadsheet's 平台 column (the name and label always count). */
  readonly aliases?: readonly string[];
  /** The console for trying the bot out: always on, never counted as a configured platform. */
  readonly console?: boolean;
  /**
   * Whether it can serve on Cloudflare Workers (webhooks only: no process lives on to poll or to
   * hold a connection). A configured platform that cannot stops a Worker's start-up.
   */
  readonly runsOnWorkers: boolean;
  /** Whether its settings are present in the config. */
  configured(settings: Settings): boolean;
  /**
   * Builds the adapter. `options` are seams for tests (a fake HTTP client, instant pacing). A
   * setting that cannot work fails here with a sentence naming it.
   */
  create(services: PlatformServices, options?: Options): Promise<PlatformAdapter>;
}

export type OptionsOf<D> = D extends PlatformDefinition<string, infer O> ? O : never;

/** Declares a platform with its name kept as a literal type, so the registry can derive names from it. */
export function definePlatform<const Name extends string, Options = unknown>(definition: PlatformDefinition<Name, Options>): PlatformDefinition<Name, Options> {
  return definition;
}
