import type { ChatPurpose, RegionLevel } from '../types.js';

/** What a chat is said to be for, in the words people add after the place (绑定 温泉村 理事会). */
export type WantedPurpose = 'council' | 'station' | 'village' | null;

export const PURPOSE_WORDS: Readonly<Record<string, Exclude<WantedPurpose, null>>> = {
  理事会: 'council',
  编制组: 'village',
  联络站: 'station',
  专班: 'station',
};

/** A chat bound to a place serves that place's level; only a village has a council. */
export function chatPurposeFor(level: RegionLevel, wanted: WantedPurpose): ChatPurpose | null {
  if (wanted === 'council') return level === 'village' ? 'council' : null;
  switch (level) {
    case 'village':
      return 'village';
    case 'township':
      return 'township_station';
    case 'county':
      return 'county_station';
    case 'city':
      return 'task_force';
  }
}
