/** What the console page is given: the chats and members to pick from. */
export interface ConsoleChat {
  chatId: string;
  title: string;
  purpose: string;
  regionName: string;
}

export interface ConsoleUser {
  userId: string;
  userName: string;
  roleLabel: string;
}

export interface ConsoleDirectory {
  chats: ConsoleChat[];
  users: ConsoleUser[];
}
