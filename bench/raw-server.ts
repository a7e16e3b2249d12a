import http from 'node:http';
import pg from 'pg';

/**
 * Child process: the baseline. A plain node:http server that runs the member list's two queries (the exact
 * text and parameters the app sends, captured by list-sql.ts) through a pg.Pool as large as the app's, in
 * parallel as the app does, and answers the rows as JSON. No session, no validation, no decryption: what
 * the database and the driver cost on their own.
 */
const url = process.env.BENCH_DATABASE_URL;
const queries = process.env.BENCH_RAW_QUERIES;
if (!url || !queries || !process.send) throw new Error('start me with child_process.fork, BENCH_DATABASE_URL and BENCH_RAW_QUERIES');
type Query = { sql: string; params: unknown[] };
// Either the member list's pair (`{ list, count }`, bench/scenario.ts) or any statements (`[q, …]`, answered with the first's rows).
const parsed = JSON.parse(queries) as Record<'list' | 'count', Query> | Query[];

// The app's type parsers (platform/db/db.ts): int8 and numeric as numbers, dates as text.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);
const pool = new pg.Pool({ connectionString: url, max: 10 });

const server = http.createServer((req, res) => {
  const t0 = performance.now();
  const run = Array.isArray(parsed)
    ? Promise.all(parsed.map((q) => pool.query(q.sql, q.params))).then(([first]) => JSON.stringify(first!.rows))
    : Promise.all([pool.query(parsed.list.sql, parsed.list.params), pool.query<{ n: number }>(parsed.count.sql, parsed.count.params)]).then(([items, total]) =>
        JSON.stringify({ items: items.rows, total: total.rows[0]?.n ?? 0 }),
      );
  run.then(
    (body) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'server-timing': `raw;dur=${(performance.now() - t0).toFixed(3)}` });
      res.end(body);
    },
    (err: unknown) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    },
  );
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.once('SIGTERM', () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
