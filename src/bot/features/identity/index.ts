import type { Routes } from '../../engine/router.js';
import { createLinkCommand, type LinkDeps } from './link.js';

export { mergePersonStatements } from './merge.js';

/** Linking a person's accounts across platforms: the /link (绑定账号) command. */
export function identityRoutes(deps: LinkDeps): Partial<Routes> {
  return { commands: { link: createLinkCommand(deps) } };
}
