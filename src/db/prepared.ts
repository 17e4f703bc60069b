import { Param, Placeholder, is, sql } from 'drizzle-orm';
import type { Db, Statement } from './store.js';

/**
 * Things built once per database handle: prepared statements belong to the connection that
 * compiled them, and a handle lives as long as its store.
 */
const built = new WeakMap<object, Map<string, unknown>>();

export function perDb<T>(db: Db, key: string, build: () => T): T {
  let map = built.get(db);
  if (!map) built.set(db, (map = new Map()));
  if (!map.has(key)) map.set(key, build());
  return map.get(key) as T;
}

interface SqliteClient {
  prepare(source: string): { run(...params: unknown[]): unknown };
}

/** The better-sqlite3 connection under a drizzle handle, or null (D1). */
function sqliteClientOf(db: Db): SqliteClient | null {
  const client = (db as unknown as { $client?: { prepare?: unknown; pragma?: unknown } }).$client;
  return client && typeof client.prepare === 'function' && typeof client.pragma === 'function' ? (client as SqliteClient) : null;
}

type Value<V> = <K extends keyof V & string>(name: K) => V[K];

/**
 * A write whose SQL drizzle builds once. `build` describes the statement with `v(name)` where a
 * value goes; on better-sqlite3 it runs once with placeholders, the SQL is compiled once and each
 * call only binds new values (encoded by the columns as drizzle would). On D1, whose commits go
 * through `db.batch`, each call builds the statement with its values. Statements that differ in
 * shape (an optional column set or not) need a key each.
 */
export function compiledWrite<V extends Record<string, unknown>>(db: Db, key: string, build: (v: Value<V>) => Statement): (values: V) => Statement {
  return perDb(db, `write:${key}`, () => {
    const client = sqliteClientOf(db);
    if (!client) return (values: V) => build((name) => values[name]);
    const query = (build(((name: string) => sql.placeholder(name)) as Value<V>) as unknown as { toSQL(): { sql: string; params: unknown[] } }).toSQL();
    const stmt = client.prepare(query.sql);
    const binders = query.params.map((p): ((values: V) => unknown) => {
      if (is(p, Placeholder)) return (values) => values[p.name] ?? null;
      if (is(p, Param) && is(p.value, Placeholder)) {
        const { name } = p.value;
        return (values) => {
          const value = values[name];
          return value === null || value === undefined ? null : p.encoder.mapToDriverValue(value);
        };
      }
      return () => p;
    });
    return (values: V) => {
      const params = binders.map((bind) => bind(values));
      return { run: () => stmt.run(...params) } as unknown as Statement;
    };
  });
}
