/** People-facing times, always in the configured zone (BOT_TIMEZONE). Pure: the time comes in. */
export function formatDateTime(at: Date, timeZone: string): string {
  return fmt(at, timeZone, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .replace(/\//g, '-');
}

export function formatMonthDay(at: Date, timeZone: string): string {
  return fmt(at, timeZone, { month: '2-digit', day: '2-digit' }).replace(/\//g, '-');
}

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(at: Date, timeZone: string, options: Intl.DateTimeFormatOptions): string {
  const key = timeZone + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('zh-CN', { timeZone, ...options });
    cache.set(key, f);
  }
  return f.format(at);
}
