import type { OptionsOf, PlatformDefinition } from './adapter.js';
import { dingtalkPlatform } from './dingtalk/definition.js';
import { larkPlatform } from './lark/definition.js';
import { localPlatform } from './local/definition.js';
import { telegramPlatform } from './telegram/definition.js';
import { wecomPlatform } from './wecom/definition.js';

/**
 * Every platform the bot can talk on, one line each. Adding one: a folder under
 * src/bot/platforms/<name>/ whose definition implements PlatformDefinition, its line here, and its
 * settings in src/config.ts. Order is the order /healthz lists them in.
 */
export const PLATFORMS = [telegramPlatform, larkPlatform, dingtalkPlatform, wecomPlatform, localPlatform] as const;

export type PlatformName = (typeof PLATFORMS)[number]['name'];
export const PLATFORM_NAMES: readonly PlatformName[] = PLATFORMS.map((p) => p.name);

/** Per-platform seams for tests and entry points (a fake API client, instant pacing), by name. */
export type PlatformOptions = { [D in (typeof PLATFORMS)[number] as D['name']]?: OptionsOf<D> };

export function isPlatformName(name: string): name is PlatformName {
  return (PLATFORM_NAMES as readonly string[]).includes(name);
}

/** Every word a spreadsheet may use for a platform (name, label, aliases; lower case) → its name. */
export function platformWords(): Record<string, PlatformName> {
  const words: Record<string, PlatformName> = {};
  for (const p of PLATFORMS) for (const w of [p.name, p.label, ...((p as PlatformDefinition).aliases ?? [])]) words[w.toLowerCase()] = p.name;
  return words;
}

/** The definition of a platform by name; undefined for a name no platform has (old rows, typos). */
export function platformDefinition(name: string): PlatformDefinition | undefined {
  return PLATFORMS.find((p) => p.name === name) as PlatformDefinition | undefined;
}
