/** The meetings the programme runs on. */
export type MeetingKind = 'talk' | 'seminar' | 'party' | 'representatives' | 'joint' | 'council';
export const MEETING_KINDS: readonly MeetingKind[] = ['talk', 'seminar', 'party', 'representatives', 'joint', 'council'];

export const MEETING_KIND_LABELS: Record<MeetingKind, string> = {
  talk: '恳谈会',
  seminar: '座谈会',
  party: '党员大会',
  representatives: '村民代表会议',
  joint: '联席会议',
  council: '理事会会议',
};

// Most specific words first: "理事会会议" must not be read as a plain meeting, "党员大会" before "大会".
const WORDS: readonly [string, MeetingKind][] = [
  ['村民代表会议', 'representatives'],
  ['村民代表大会', 'representatives'],
  ['理事会会议', 'council'],
  ['党员大会', 'party'],
  ['联席会议', 'joint'],
  ['恳谈会', 'talk'],
  ['座谈会', 'seminar'],
  ['村民代表', 'representatives'],
  ['党员会', 'party'],
  ['联席会', 'joint'],
  ['理事会', 'council'],
  ['恳谈', 'talk'],
  ['座谈', 'seminar'],
];

/** The kind a title names, or null when it names none (then the organiser picks one). */
export function kindFromTitle(title: string): MeetingKind | null {
  let best: { at: number; kind: MeetingKind } | null = null;
  for (const [word, kind] of WORDS) {
    const at = title.indexOf(word);
    if (at !== -1 && (!best || at < best.at)) best = { at, kind };
  }
  return best?.kind ?? null;
}

/** 恳谈会 and 座谈会 are the cadre's "hometown talk" (乡情恳谈) in the five ones. */
export const TALK_KINDS: readonly MeetingKind[] = ['talk', 'seminar'];

/** Meetings that may put a suggestion to the vote (the 充分论证 step). */
export const VOTING_KINDS: readonly MeetingKind[] = ['party', 'representatives'];

export function isMeetingKind(s: string): s is MeetingKind {
  return (MEETING_KINDS as readonly string[]).includes(s);
}
