/**
 * What the store files each term of the vocabulary under (see vocabulary.ts): computed once, when a
 * term first enters the archive, instead of for the whole vocabulary after every change.
 */
import { rootsOf } from './roots.js';
import { variantKey } from './variants.js';

export interface VocabularyKeys {
  /** Its spelling-variant key, or null when it has no variants (short, not Arabic). */
  variantKey: string | null;
  roots: readonly string[];
}

/**
 * Names the rules `vocabularyKeys` follows: a store whose keys were computed under another version
 * computes them again. Change it with the skeleton or root rules.
 */
export const VOCABULARY_KEYS_VERSION = 'skeleton-1;roots-1';

/** The keys the store files `term` under. */
export function vocabularyKeys(term: string): VocabularyKeys {
  return { variantKey: variantKey(term), roots: rootsOf(term) };
}
