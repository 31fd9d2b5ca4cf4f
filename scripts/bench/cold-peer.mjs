// Cold start of a peer, in plain JavaScript (no TypeScript loader to pay for): load the index,
// answer one question whose terms the parent already analysed, print one line.
// node scripts/bench/cold-peer.mjs minisearch <saved.json> '{"terms":[…],"prefixed":[…]}'
// node scripts/bench/cold-peer.mjs fts5 <sanad.sqlite> '<fts5 match expression>'
import { readFileSync } from 'node:fs';

const [engine, path, query] = process.argv.slice(2);
if (engine === 'minisearch') {
  const { default: MiniSearch } = await import('minisearch');
  const { terms, prefixed } = JSON.parse(query);
  const prefix = new Set(prefixed);
  const split = (text) => text.split(' ');
  const ms = MiniSearch.loadJSON(readFileSync(path, 'utf8'), { fields: ['title', 'body'], tokenize: split, processTerm: (t) => t });
  const hits = ms.search(terms.join(' '), { combineWith: 'OR', prefix: (t) => prefix.has(t), boost: { title: 0.3, body: 1 } });
  process.stdout.write(`${hits.length}\n`);
} else if (engine === 'fts5') {
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(path, { readonly: true });
  const rows = db
    .prepare('SELECT rowid FROM passages_fts WHERE passages_fts MATCH ? ORDER BY bm25(passages_fts, 0.3, 1.0) LIMIT 50')
    .all(query);
  process.stdout.write(`${rows.length}\n`);
} else {
  process.stderr.write('usage: cold-peer.mjs minisearch|fts5 <path> <query>\n');
  process.exit(2);
}
