/**
 * ARCD (SQuAD format: data[].title, .paragraphs[].context, .qas[].question): its paragraphs as article
 * files and its questions with the file that answers each. The dataset stays where it is (its folder
 * is an argument); what is written goes to a folder outside the repository's tracked files.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ArcdSplit = 'train' | 'test';

export interface ArcdParagraph {
  /** File name the paragraph is written under (`arcd-<split>-<n>.txt`). */
  file: string;
  title: string;
  context: string;
  /** 0-based order of the paragraph in the split. */
  index: number;
  /** How many paragraphs its Wikipedia article has. */
  siblings: number;
}

export interface ArcdQuestion {
  id: string;
  question: string;
  /** The paragraph it was written on. */
  file: string;
}

export interface Arcd {
  split: ArcdSplit;
  paragraphs: ArcdParagraph[];
  questions: ArcdQuestion[];
}

interface Squad {
  data: { title: string; paragraphs: { context: string; qas: { id: string; question: string }[] }[] }[];
}

/** Read `arcd-<split>.json` from the ARCD folder. */
export function readArcd(dir: string, split: ArcdSplit): Arcd {
  const squad = JSON.parse(readFileSync(join(dir, `arcd-${split}.json`), 'utf8')) as Squad;
  const paragraphs: ArcdParagraph[] = [];
  const questions: ArcdQuestion[] = [];
  for (const article of squad.data) {
    for (const p of article.paragraphs) {
      const index = paragraphs.length;
      const file = `arcd-${split}-${String(index).padStart(4, '0')}.txt`;
      paragraphs.push({ file, title: article.title.trim(), context: p.context.trim(), index, siblings: article.paragraphs.length });
      for (const q of p.qas) questions.push({ id: q.id, question: q.question.replace(/^[\s\-–]+/u, '').trim(), file });
    }
  }
  return { split, paragraphs, questions };
}

/**
 * The paragraphs left out of the archive to make near misses: every 5th of the split, where its
 * article has others, so the rest of the article stays and its names and topic are still in the
 * archive while the answer is not.
 */
export function isNearMissParagraph(p: ArcdParagraph): boolean {
  return p.index % 5 === 4 && p.siblings > 1;
}

/** An article file: the title line, a blank line, the paragraph. */
export function paragraphFile(p: ArcdParagraph): string {
  return `${p.title}\n\n${p.context}\n`;
}

/**
 * The questions of `split` chosen for English translation (test/eval/arcd-english.jsonl): the 150
 * whose id's sha256 sorts first, a fixed sample that does not depend on the file's order.
 */
export function englishSample(arcd: Arcd, size = 150): ArcdQuestion[] {
  const key = (id: string) => createHash('sha256').update(id).digest('hex');
  return [...arcd.questions].sort((a, b) => (key(a.id) < key(b.id) ? -1 : key(a.id) > key(b.id) ? 1 : 0)).slice(0, size);
}
