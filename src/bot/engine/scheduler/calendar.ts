import chineseDays from 'chinese-days';
import { createWorkCalendar, overrideSource, type CalendarOverrides, type CalendarSource, type WorkCalendar } from '../../../domain/meetings/index.js';

/**
 * The official calendar as packaged by `chinese-days` (holidays and make-up working days from the
 * State Council's yearly notice). For a year it has no data for, it answers by weekday, which is
 * why a local override file is asked first.
 */
export const chineseDaysSource: CalendarSource = {
  isWorkday(date) {
    return chineseDays.isWorkday(date);
  },
};

/** Overrides (the local file) first, then the maintained data. */
export function officialCalendar(overrides?: CalendarOverrides): WorkCalendar {
  return createWorkCalendar(overrides ? [overrideSource(overrides), chineseDaysSource] : [chineseDaysSource]);
}
