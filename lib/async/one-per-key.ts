/**
 * One value per key object, made on first use and dropped with the key: a GroupCommit or a
 * WriteBehind per database handle, so that each database (a test's, a bench's) has its own.
 */
export function onePerKey<Key extends object, Value>(make: (key: Key) => Value): (key: Key) => Value {
  const byKey = new WeakMap<Key, Value>();
  return (key) => {
    let found = byKey.get(key);
    if (found === undefined) byKey.set(key, (found = make(key)));
    return found;
  };
}
