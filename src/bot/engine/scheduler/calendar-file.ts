import { readFileSync } from 'node:fs';
import { AppError } from '../../../domain/errors.js';
import { parseOverrides, type CalendarOverrides } from '../../../domain/meetings/index.js';

/**
 * Reads the local calendar override file (CALENDAR_OVERRIDES): {"holidays": ["2027-01-01"],
 * "workdays": ["2027-02-07"]}. Used for a year the data package does not know yet, or a local
 * arrangement. A bad file stops start-up rather than silently scheduling on a holiday.
 */
export function readCalendarOverrides(path: string): CalendarOverrides {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new AppError('config', `CALENDAR_OVERRIDES: cannot read ${path} as JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  const parsed = parseOverrides(json);
  if ('error' in parsed) throw new AppError('config', `CALENDAR_OVERRIDES: ${parsed.error}`);
  return parsed;
}
