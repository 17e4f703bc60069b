export { compare, mostSimilar, SIMILAR_THRESHOLD, MAX_SIMILAR, type Comparison, type Conflict } from './compare.js';
export { CONCEPTS, type Concept, type ConceptKind } from './lexicon.js';
export { Readings } from './reading.js';
