/**
 * Pairs English translations of ARCD questions with their ids: `npm run -s tsx scripts/arcd-english.ts
 * -- --arcd DIR --translations FILE` writes test/eval/arcd-english.jsonl. The questions translated are
 * `englishSample` of each split (150 of arcd-train, 150 of arcd-test); FILE holds one
 * {"id","en"} per line, written by a translator who saw only the Arabic questions, never the code.
 * ARCD has no English questions of its own: these are how eval:real measures English.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { englishSample, readArcd } from './datasets/arcd.js';

export const ENGLISH_FILE = new URL('../test/eval/arcd-english.jsonl', import.meta.url);

const { values } = parseArgs({ options: { arcd: { type: 'string' }, translations: { type: 'string' } } });
if (!values.arcd || !values.translations) {
  console.error('usage: tsx scripts/arcd-english.ts --arcd <ARCD folder> --translations <file of {"id","en"} lines>');
  process.exit(2);
}
const english = new Map(
  readFileSync(values.translations, 'utf8').split('\n').filter(Boolean).map((l) => {
    const { id, en } = JSON.parse(l) as { id: string; en: string };
    return [id, en.trim()] as const;
  }),
);
const lines: string[] = [];
for (const split of ['train', 'test'] as const) {
  for (const q of englishSample(readArcd(values.arcd, split))) {
    const en = english.get(q.id);
    if (!en || /\p{Script=Arabic}/u.test(en)) throw new Error(`${q.id} (${split}): no English translation`);
    lines.push(JSON.stringify({ id: q.id, split, question: en }));
  }
}
writeFileSync(ENGLISH_FILE, `${lines.join('\n')}\n`);
console.log(`${lines.length} English questions written to test/eval/arcd-english.jsonl`);
