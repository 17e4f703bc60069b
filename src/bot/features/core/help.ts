import { mayUse } from '../../../domain/access.js';
import { COMMANDS, type CommandName, type CommandSpec } from '../../../domain/commands.js';
import { msg, PURPOSE_LABELS } from '../../../domain/messages.js';
import { replyPlan, type CommandHandler } from '../../engine/context.js';

/** Most asked-for first; the short help shows the first few a sender may use. */
const BRIEF_ORDER: readonly CommandName[] = ['suggest', 'me', 'meeting', 'stats', 'list', 'bind', 'export', 'signin', 'leave', 'review', 'answer', 'ask', 'join'];
/** Lines of command in the short help, so that with its frame it fits one phone screen (12 lines). */
const BRIEF_COMMANDS = 7;
/** The record commands share one line in the short help. */
const RECORDS: ReadonlySet<CommandName> = new Set<CommandName>(['suggest', 'deed', 'visit', 'problem', 'rule', 'talk']);

export const help: CommandHandler = async (ctx, args) => {
  const allowed = COMMANDS.filter((c) => c.name !== 'cancel' && mayUse(c.name, ctx.actor.roles));
  const context = ctx.region && ctx.chat?.purpose ? `${ctx.region.fullName} · ${PURPOSE_LABELS[ctx.chat.purpose]}` : null;
  if (/^(全部|all)$/iu.test(args.trim())) return replyPlan(ctx, msg.help(allowed, context));
  const lines: { usage: string; summary: string }[] = [];
  const records = allowed.filter((c) => RECORDS.has(c.name));
  const shown = new Set<CommandName>();
  for (const name of BRIEF_ORDER) {
    if (lines.length >= BRIEF_COMMANDS) break;
    if (name === 'suggest') {
      if (records.length === 0) continue;
      lines.push(msg.helpRecords(records.map((c) => c.aliases[0]!)));
      for (const c of records) shown.add(c.name);
      continue;
    }
    const spec: CommandSpec | undefined = allowed.find((c) => c.name === name);
    if (!spec) continue;
    lines.push(spec);
    shown.add(name);
  }
  for (const c of allowed) {
    if (lines.length >= BRIEF_COMMANDS) break;
    if (shown.has(c.name)) continue;
    lines.push(c);
    shown.add(c.name);
  }
  return replyPlan(ctx, msg.helpShort(lines, context, allowed.length - shown.size));
};
