import type { PlatformSender } from '../../src/bot/engine/ports.js';

/** A local sender that answers at once and keeps the keys it sent, in order. */
export function recordingSender(): { sender: PlatformSender; sent: string[] } {
  const sent: string[] = [];
  const sender: PlatformSender = {
    platform: 'local',
    async send(envelope) {
      sent.push(envelope.key);
      return { messageId: envelope.key };
    },
  };
  return { sender, sent };
}
