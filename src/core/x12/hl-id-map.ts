// A map keyed by HL ids. HL01 counts 1, 2, 3… and HL02 names an earlier HL01, so in a well-formed set every key is
// the next ordinal or one already held: an array indexed by the ordinal then answers without hashing the freshly cut
// id strings (three such maps per transaction were 2% of validating a batch). The first key off that pattern (a
// gap, a leading zero, a non-number) moves the entries into a Map, so any input gets exact Map semantics.

/** The number `id` writes in decimal without leading zeros (1–999,999,999), or 0 when it is not such a number. */
export function ordinalOf(id: string): number {
  if (id.length === 0 || id.length > 9 || id.charCodeAt(0) === 48) return 0;
  let value = 0;
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) return 0;
    value = value * 10 + c - 48;
  }
  return value;
}

export class HlIdMap<V> {
  /** `byOrdinal[k - 1]` is the value of key String(k), while every key so far has been an ordinal ≤ length + 1. */
  private readonly byOrdinal: V[] = [];
  private byKey: Map<string, V> | undefined;

  get(id: string): V | undefined {
    if (this.byKey !== undefined) return this.byKey.get(id);
    const k = ordinalOf(id);
    return k > 0 && k <= this.byOrdinal.length ? this.byOrdinal[k - 1] : undefined;
  }

  has(id: string): boolean {
    if (this.byKey !== undefined) return this.byKey.has(id);
    const k = ordinalOf(id);
    return k > 0 && k <= this.byOrdinal.length;
  }

  set(id: string, value: V): void {
    if (this.byKey === undefined) {
      const k = ordinalOf(id);
      if (k > 0 && k <= this.byOrdinal.length + 1) {
        this.byOrdinal[k - 1] = value;
        return;
      }
      this.byKey = new Map(this.byOrdinal.map((held, i) => [String(i + 1), held]));
    }
    this.byKey.set(id, value);
  }
}
