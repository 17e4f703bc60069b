import type { RecordKind } from '../types.js';

/**
 * What a deed or rule proposal says it answers: 「实事 修好了村口路灯 回应问题#3」,
 * 「村规 红白事从简 来自建议#5」. A deed may answer suggestions and problems; a rule proposal
 * comes from a suggestion.
 */
export interface LinkRef {
  kind: 'suggestion' | 'problem';
  seq: number;
}

const LINK = /(?:回应|针对|落实|来自|根据|解决)\s*(建议|问题)\s*[#＃]\s*(\d+)/gu;

export function parseLinks(text: string): LinkRef[] {
  const out: LinkRef[] = [];
  for (const m of text.matchAll(LINK)) {
    const ref: LinkRef = { kind: m[1] === '建议' ? 'suggestion' : 'problem', seq: Number(m[2]) };
    if (!out.some((r) => r.kind === ref.kind && r.seq === ref.seq)) out.push(ref);
  }
  return out;
}

/** Which kinds a record of this kind may point to. */
export function linkableKinds(kind: RecordKind): readonly LinkRef['kind'][] {
  if (kind === 'deed') return ['suggestion', 'problem'];
  if (kind === 'rule') return ['suggestion'];
  return [];
}
