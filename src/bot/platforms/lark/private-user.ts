/** A message addressed to an open_id is a private one; the person is then unreachable, not a chat. */
export function larkPrivateUser(chatId: string): string | null {
  return chatId.startsWith('ou_') ? chatId : null;
}
