import type { Feature } from '../../engine/feature.js';
import { createLinkCommand, type LinkDeps } from './link.js';
import { whoami } from './whoami.js';

export { mergePersonStatements } from './merge.js';
export type { PlatformLabels } from './link.js';

/** Who is who: linking a person's accounts across platforms (/link 绑定账号) and /whoami (我是谁). */
export function identityFeature(deps: LinkDeps): Feature {
  return { name: 'identity', routes: { commands: { link: createLinkCommand(deps), whoami } } };
}
