import type { Statement, Store } from './store.js';

/** A value as an SQL literal. */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? '1' : '0';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `'${text.replaceAll("'", "''")}'`;
}

/** The statement's SQL with its parameters written in, so a file can carry it (`wrangler d1 execute --file`). */
export function inlineSql(statement: Statement): string {
  const { sql, params } = (statement as unknown as { toSQL(): { sql: string; params: unknown[] } }).toSQL();
  let out = '';
  let next = 0;
  let quote: string | null = null;
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"' || ch === '`') {
      quote = ch;
      out += ch;
    } else if (ch === '?') {
      out += literal(params[next++]);
    } else {
      out += ch;
    }
  }
  if (next !== params.length) throw new Error(`statement has ${params.length} parameters but ${next} placeholders`);
  return out;
}

export interface ScriptStore extends Store {
  /** Everything committed so far, one statement a line, in order. */
  script(): string;
}

/**
 * A store that reads from `reads` and, instead of writing, keeps what would have been written as
 * SQL. It is how data reaches a database this machine cannot open (D1): every statement the
 * import and the region loader write is an upsert or insert-or-ignore, so the file can be applied
 * again, and a run cut short can simply be repeated.
 */
export function scriptStore(reads: Store): ScriptStore {
  const lines: string[] = [];
  return {
    db: reads.db,
    driver: reads.driver,
    async commit(statements) {
      for (const s of statements) lines.push(`${inlineSql(s)};`);
    },
    close: () => reads.close(),
    script: () => (lines.length ? `${lines.join('\n')}\n` : ''),
  };
}
