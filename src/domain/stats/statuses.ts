/**
 * Which record statuses count as what. Kept in one place because the review workflow may add
 * statuses; a suggestion forwarded to the planning unit was adopted first, so it counts as adopted.
 */
export const ADOPTED_STATUSES: readonly string[] = ['adopted', 'forwarded'];
export const PENDING_REVIEW_STATUSES: readonly string[] = ['pending', 'voting'];
/** A problem is open until someone marks it settled in one of these ways. */
export const CLOSED_PROBLEM_STATUSES: readonly string[] = ['resolved', 'confirmed', 'done', 'closed', 'rejected'];
