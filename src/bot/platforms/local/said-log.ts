/** Something a person said in a console chat, placed after the bot message with id `afterId`. */
export interface Said {
  afterId: number;
  userName: string;
  text: string;
  /** A button press rather than words. */
  note?: boolean;
  at: string;
}

const PER_CHAT = 200;
const CHATS = 500;

/**
 * The console's memory of what people said, per chat, for as long as the process runs: bounded
 * in chats and in lines per chat (the oldest go first), since the console is for trying out.
 */
export function createSaidLog() {
  const chats = new Map<string, Said[]>();
  return {
    add(chatId: string, said: Said): void {
      const lines = chats.get(chatId) ?? [];
      chats.delete(chatId);
      lines.push(said);
      if (lines.length > PER_CHAT) lines.splice(0, lines.length - PER_CHAT);
      chats.set(chatId, lines);
      if (chats.size > CHATS) chats.delete(chats.keys().next().value as string);
    },
    of(chatId: string): readonly Said[] {
      return chats.get(chatId) ?? [];
    },
  };
}
