/**
 * Log lines written within one turn of the event loop go out in one write: a burst of webhooks
 * logs a line per event, and one write per line was a measurable share of each request. Lines
 * keep their order, and what is pending when the process exits is written before it goes.
 */
export function batchedLineWriter(write: (chunk: string) => void = (chunk) => process.stdout.write(chunk)): (line: string) => void {
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const chunk = `${pending.join('\n')}\n`;
    pending = [];
    write(chunk);
  };
  process.on('exit', flush);
  return (line) => {
    if (pending.push(line) === 1) setImmediate(flush);
  };
}
