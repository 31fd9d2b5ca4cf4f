/**
 * The archive's vocabulary as the analyzer consults it: by lookups, never walked whole. A question
 * asks it for other spellings of a name (a consonant skeleton) and whether a word is in the archive
 * in any form (terms that begin like it, a shared root). Held whole in memory, it had to be read and
 * indexed again after every change to the archive (seconds on a large one, paid by the next
 * question); the store keeps these keys beside each term instead (vocabulary-keys.ts,
 * src/index/store.ts), in the same transactions as the terms.
 */
export interface Vocabulary {
  /** The terms that begin with `prefix` (`prefix` itself included when it is a term). */
  withPrefix(prefix: string): string[];
  /** The terms filed under this spelling-variant key (`variantKey`, variants.ts). */
  withVariantKey(key: string): string[];
  /** Whether some term has one of `roots` among its roots (roots.ts). */
  hasRoot(roots: readonly string[]): boolean;
  /** The terms that have one of `roots` among their roots. */
  withRoot(roots: readonly string[]): string[];
}
