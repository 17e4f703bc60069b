import type { Feature } from '../../engine/feature.js';
import { createLinkCommand, type LinkDeps } from './link.js';

export { mergePersonStatements } from './merge.js';
export type { PlatformLabels } from './link.js';

/** Linking a person's accounts across platforms: the /link (绑定账号) command. */
export function identityFeature(deps: LinkDeps): Feature {
  return { name: 'identity', routes: { commands: { link: createLinkCommand(deps) } } };
}
