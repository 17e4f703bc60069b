import type { BotCommand, BotCommandScope } from 'grammy/types';
import { COMMANDS, type CommandSpec } from '../../../domain/commands.js';

export interface CommandMenu {
  scope: BotCommandScope;
  commands: BotCommand[];
}

const forMembers = (c: CommandSpec) => c.who.includes('everyone') || c.who.includes('cadre');
const command = (c: CommandSpec): BotCommand => ({ command: c.name, description: c.summary });

/**
 * The "/" menus Telegram shows. Everyone sees what cadres and members use; group admins (the
 * planning-group leaders and stations who run the chat) see every command. Joining only makes
 * sense in a village group, so private chats do not offer it. Descriptions are the catalogue's.
 */
export function commandMenus(): CommandMenu[] {
  const members = COMMANDS.filter(forMembers);
  return [
    { scope: { type: 'default' }, commands: members.filter((c) => c.name !== 'join').map(command) },
    { scope: { type: 'all_group_chats' }, commands: members.map(command) },
    { scope: { type: 'all_chat_administrators' }, commands: COMMANDS.map(command) },
  ];
}
