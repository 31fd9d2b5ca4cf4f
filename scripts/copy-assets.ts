/**
 * Second half of `npm run build`: copies what tsc does not emit (data files the code reads beside
 * itself, such as src/analysis/synonyms.txt) from src/ into dist/, keeping their paths.
 */
import { cpSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const src = join(root, 'src');

for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || entry.name.endsWith('.ts')) continue;
  const from = join(entry.parentPath, entry.name);
  cpSync(from, join(root, 'dist', relative(src, from)));
}
