/**
 * Arabic roots of matching terms. A question often asks with another form of the article's word:
 * a verb where the article has its verbal noun ("يقر" / "إقرار", "ينصح" / "نصيحة"), a participle
 * where it has the plural noun ("مسلح" / "سلاح"). Light stems keep these apart; their root (a
 * pattern-based root extractor, `arabic-stem`) brings them together, for partial credit only,
 * since words of one root can mean different things.
 */
import { createRequire } from 'node:module';
import { boundedMemo } from './bounded-memo.js';

interface RootExtractor {
  stem(word: string): { stem: string[] };
}

// arabic-stem is a UMD bundle whose type declarations describe an ES default export it does not have.
const RootStemmer = createRequire(import.meta.url)('arabic-stem') as new () => RootExtractor;
const extractor = new RootStemmer();

/**
 * Roots are computed once per distinct term: the archive's vocabulary, plus the words of questions,
 * which are anyone's input, so the memo starts afresh past this many terms.
 */
const MEMO_LIMIT = 200_000;

/**
 * Terms the extractor is given: Arabic stems of 3 to 8 letters. Longer ones are not words with a
 * root to find (and arabic-stem throws on many strings of 9 letters or more).
 */
const ROOTED = /^[\u0621-\u064A]{3,8}$/u;

function extract(term: string): readonly string[] {
  if (!ROOTED.test(term)) return [];
  try {
    return extractor.stem(term).stem;
  } catch {
    return []; // a third-party edge case must not fail a question
  }
}

/** Candidate roots of a stemmed Arabic term (none for short, long, Latin or numeric terms). */
export const rootsOf: (term: string) => readonly string[] = boundedMemo(extract, MEMO_LIMIT);
