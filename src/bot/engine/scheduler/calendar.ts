import chineseDays from 'chinese-days';
import { createWorkCalendar, fixedHolidaySource, overrideSource, overridesKnow, type CalendarOverrides, type CalendarSource, type WorkCalendar } from '../../../domain/meetings/index.js';

/**
 * The official calendar as packaged by `chinese-days` (holidays and make-up working days from the
 * State Council's yearly notice). For a year it has no data for, it answers by weekday, which is
 * why a local override file is asked first and the fixed-date holidays before it.
 */
export const chineseDaysSource: CalendarSource = {
  isWorkday(date) {
    return chineseDays.isWorkday(date);
  },
};

/** Whether the package carries the State Council's notice for a year (it lists its holidays). */
export function packageKnowsYear(year: number): boolean {
  return chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
}

/**
 * Overrides (the local file) first, then for a year nobody has data for the fixed-date holidays,
 * then the maintained data.
 */
export function officialCalendar(overrides?: CalendarOverrides, packaged: (year: number) => boolean = packageKnowsYear): WorkCalendar {
  const known = new Map<number, boolean>();
  const knows = (year: number) => {
    let k = known.get(year);
    if (k === undefined) known.set(year, (k = overridesKnow(overrides, year) || packaged(year)));
    return k;
  };
  const sources = [fixedHolidaySource(knows), chineseDaysSource];
  return createWorkCalendar(overrides ? [overrideSource(overrides), ...sources] : sources, knows);
}
