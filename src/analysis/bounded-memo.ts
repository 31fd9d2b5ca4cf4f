/**
 * `fn` computed once per distinct key, remembered up to `limit` keys. Analysis memoises work per word
 * (stems, roots), and words come from questions and uploads, which are anyone's input: past the
 * limit the memo starts afresh rather than grow without bound.
 */
export function boundedMemo<V>(fn: (key: string) => V, limit: number): (key: string) => V {
  const memo = new Map<string, V>();
  return (key) => {
    let value = memo.get(key);
    if (value === undefined) {
      value = fn(key);
      if (memo.size >= limit) memo.clear();
      memo.set(key, value);
    }
    return value;
  };
}
