/**
 * A pure function of one key remembered for the last few thousand keys: listings repeat the same times and
 * quantities across thousands of objects, and working them out again each time is a measurable share of a listing.
 */
export function boundedMemo<K, V>(compute: (key: K) => V, limit = 4096): (key: K) => V {
  const known = new Map<K, V>();
  return (key) => {
    let value = known.get(key);
    if (value === undefined) {
      value = compute(key);
      // Cleared rather than evicted one by one: the keys of one listing arrive in runs.
      if (known.size >= limit) known.clear();
      known.set(key, value);
    }
    return value;
  };
}
