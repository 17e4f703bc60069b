// Shared by the benchmark scripts, each of which rewrites only its own section of docs/BENCHMARKS.md.

/** Replaces the section whose heading is the first line of `section` (up to the next `## `), or appends it. */
export function replaceSection(doc: string, section: string): string {
  const heading = section.split('\n')[0]!;
  const lines = doc.replace(/\s+$/u, '').split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) return `${lines.join('\n')}\n\n${section}\n`;
  let end = lines.findIndex((l, i) => i > start && l.startsWith('## '));
  if (end < 0) end = lines.length;
  return `${[...lines.slice(0, start), ...section.split('\n'), ...(end < lines.length ? ['', ...lines.slice(end)] : [])].join('\n')}\n`;
}
