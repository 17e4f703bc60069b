/** The parts of a sent button card needed to send it again, updated, after a click. */
export interface RememberedCard {
  main_title: { title: string };
  button_list: { text: string; style: number; key: string }[];
}

const CARDS = 2_000;

/**
 * Button cards sent over the long connection, by task_id, so a click can update its card in place
 * (WeCom replaces the whole card: 「回复消息更新模板卡片」, within 5 seconds of the click). Bounded:
 * the oldest are forgotten first, and a card sent before a restart is simply not updated.
 */
export function createCardMemory() {
  const cards = new Map<string, RememberedCard>();
  return {
    remember(taskId: string, card: RememberedCard): void {
      cards.delete(taskId);
      cards.set(taskId, card);
      if (cards.size > CARDS) cards.delete(cards.keys().next().value as string);
    },
    recall(taskId: string): RememberedCard | undefined {
      return cards.get(taskId);
    },
  };
}

export type CardMemory = ReturnType<typeof createCardMemory>;

/** The card a click leaves behind: the same title and buttons, with what the click did underneath. */
export function answeredCard(taskId: string, card: RememberedCard, outcome: string): Record<string, unknown> {
  return { card_type: 'button_interaction', main_title: card.main_title, sub_title_text: outcome.slice(0, 112), button_list: card.button_list, task_id: taskId };
}
