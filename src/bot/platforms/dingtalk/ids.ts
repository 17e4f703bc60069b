/** Group chats are addressed by openConversationId, which DingTalk always starts with "cid". */
export function isGroupChat(chatId: string): boolean {
  return chatId.startsWith('cid');
}
