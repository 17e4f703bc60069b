import { CLOSED_STATUSES, isOverdue, medianDays, WORKING_STATUSES } from './lifecycle.js';
import type { ProblemCounts } from './messages.js';

/** Counts of problems by where they stand today (YYYY-MM-DD), and the median days to close. */
export function countProblems(
  rows: readonly { status: string; createdAt: number; closedAt: number | null; deadline: string | null }[],
  today: string,
): ProblemCounts {
  const out: ProblemCounts = { open: 0, working: 0, overdue: 0, closed: 0, confirmed: 0, medianDays: null };
  const took: number[] = [];
  for (const r of rows) {
    if (r.status === 'open') out.open++;
    else if (WORKING_STATUSES.includes(r.status)) out.working++;
    if (isOverdue(r.status, r.deadline, today)) out.overdue++;
    if (CLOSED_STATUSES.includes(r.status)) {
      out.closed++;
      if (r.status === 'confirmed') out.confirmed++;
      if (r.closedAt !== null) took.push(r.closedAt - r.createdAt);
    }
  }
  out.medianDays = medianDays(took);
  return out;
}
