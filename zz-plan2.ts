import { openSqliteStore } from './src/db/sqlite.js';
const s = openSqliteStore(':memory:');
console.log(s.sqlite.prepare(`explain query plan select "id", "seq", "text", "status" from "records" where ("records"."region_code" = ? and "records"."kind" = ? and "records"."status" <> ?) order by +"records"."seq"`).all('a','b','c').map((r: any) => r.detail));
