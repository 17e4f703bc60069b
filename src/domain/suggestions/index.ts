export { compare, mostSimilar, Readings, SIMILAR_THRESHOLD } from './similar/index.js';
export { autoTags, CATEGORIES, formatTags, parseTags, readTags, type Category } from './tags.js';
export { decide, parseReview, parseSeqArg, type Decision, type ReviewRequest, type SuggestionStatus } from './review.js';
export { linkableKinds, parseLinks, type LinkRef } from './links.js';
export { forwardDocument, type DocumentModel, type ForwardItem } from './forward-document.js';
