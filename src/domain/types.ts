/**
 * The name of a platform the bot talks on. Which names exist is decided by the platform registry
 * (src/bot/platforms/registry.ts, its PlatformName); to the domain a name is opaque.
 */
export type Platform = string;

export type RegionLevel = 'city' | 'county' | 'township' | 'village';

export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  /** Codes from the root down to this region joined by '/', so "inside" is a prefix test. */
  path: string;
  /** Names from the county down, e.g. 江川区江城镇温泉村: what people recognise. */
  fullName: string;
}

/** What a bound chat is for. Decides which commands make sense there. */
export type ChatPurpose = 'village' | 'council' | 'township_station' | 'county_station' | 'task_force';

export type RoleName = 'admin' | 'county_station' | 'township_station' | 'council' | 'leader' | 'cadre';

export interface RoleGrant {
  role: RoleName;
  regionCode: string;
  regionPath: string;
}

export type RecordKind = 'suggestion' | 'deed' | 'visit' | 'problem' | 'rule';
export const RECORD_KINDS: readonly RecordKind[] = ['suggestion', 'deed', 'visit', 'problem', 'rule'];

export interface ChatRef {
  platform: Platform;
  chatId: string;
  /** Forum topic or thread within the chat; null when the chat has none. */
  threadId: string | null;
  type: 'group' | 'private';
  /** Group title when the platform sends it; kept so operators recognise chats. */
  title?: string;
}

export interface Sender {
  userId: string;
  displayName: string;
  username?: string;
  /**
   * The platform did not say which person sent it (on Telegram: an admin posting anonymously as
   * the group, a user posting as a channel, a linked channel's forward): the id is that chat's,
   * shared by everyone who speaks as it, so it is nobody's identity.
   */
  anonymous?: true;
}

export interface Attachment {
  kind: 'photo' | 'file';
  /** The platform's file reference: kept as evidence, never downloaded. */
  fileId: string;
}

export type InboundPayload =
  | {
      type: 'message';
      /** Text with mentions of the bot stripped and other mentions resolved to names. */
      text: string;
      attachments?: Attachment[];
      /** Platform message id, so replies can quote it. */
      messageId?: string;
      /** Platform id of the message this one replies to (a station answering a relayed question). */
      replyToMessageId?: string;
    }
  | { type: 'button'; value: string; messageId?: string }
  | { type: 'membership'; change: 'bot_added' | 'bot_removed' }
  | { type: 'migrated'; newChatId: string };

/** The one shape every platform update becomes. Routing and the domain see nothing else. */
export interface InboundEvent {
  platform: Platform;
  /** The platform's id of the event, the same on every redelivery: the dedupe key. */
  eventId: string;
  chat: ChatRef;
  sender: Sender;
  at: Date;
  payload: InboundPayload;
}

export interface Button {
  label: string;
  /** Opaque value returned on press; kept ≤ 64 bytes, the smallest limit a platform sets. */
  value: string;
}

export interface OutTarget {
  platform: Platform;
  chatId: string;
  threadId: string | null;
}

export interface OutMessage {
  to: OutTarget;
  text: string;
  /** Optional heading; platforms with cards show it as the card header, others as a first line. */
  title?: string;
  buttons?: Button[][];
  /** Platform message id to reply to, when the platform supports quoting. */
  replyTo?: string;
  /** Idempotency key for scheduled messages; replies get one derived from the event. */
  key?: string;
  /** Do not send before this time (quiet hours, pacing). */
  notBefore?: Date;
  /**
   * Outbox key of an earlier message to update in place (a sign-in card showing who has signed
   * in). Platforms that cannot edit, or when the earlier message was never sent, send it anew.
   */
  editOf?: string;
  /** A chart to draw: as a chart card or a PNG where the platform can show one; the text is the fallback. */
  chart?: ChartSpec;
  /** A file to deliver (ledger export, forwarding document). */
  attachment?: FileAttachment;
  /** People to @mention (a nudge in the village group when a private message is impossible). */
  mentions?: { userId: string; name: string }[];
}

export interface ChartSpec {
  title: string;
  kind: 'bar';
  labels: string[];
  series: { name: string; values: number[] }[];
  /** Unit appended to values, e.g. "%". */
  unit?: string;
}

export interface FileAttachment {
  fileName: string;
  mime: string;
  /** Base64 of the bytes; stored with the outbox row (in `files`) so a crash between write and send loses nothing. */
  dataBase64: string;
}
