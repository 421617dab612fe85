/**
 * An in-memory cache with a time to live, for data that is the same for every
 * person (client metadata, the scope catalogue). Never put subject-specific
 * data here: one process serves many people. Concurrent misses share one
 * load; a failed load is forgotten at once so the next call tries again.
 */

export type TtlCache<K, V> = {
  /** The cached value, or the result of `load` (then cached). */
  get(key: K, load: () => Promise<V>): Promise<V>;
  /** Caches a value obtained some other way. */
  set(key: K, value: V): void;
};

export function createTtlCache<K, V>(ttlMs: number, maxEntries = 1000): TtlCache<K, V> {
  const entries = new Map<K, { value: Promise<V>; expiresAt: number }>();

  function store(key: K, value: Promise<V>) {
    entries.delete(key);
    entries.set(key, { value, expiresAt: Date.now() + ttlMs });
    // Map keeps insertion order, so the first key is the oldest entry.
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  }

  return {
    get(key, load) {
      const hit = entries.get(key);
      if (hit && hit.expiresAt > Date.now()) return hit.value;
      const value = load();
      store(key, value);
      value.catch(() => {
        if (entries.get(key)?.value === value) entries.delete(key);
      });
      return value;
    },

    set(key, value) {
      store(key, Promise.resolve(value));
    },
  };
}
