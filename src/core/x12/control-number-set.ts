// The ST02 control numbers seen in one functional group, for the duplicate check. Senders number their sets in
// order (0001, 0002, …), so digit strings are kept as runs of consecutive numbers of one width: a group of 100,000
// sets costs one run instead of 100,000 strings, which is what keeps a streamed batch in constant memory. Values
// that are not short digit strings, and gaps beyond a bounded number of runs, fall back to a plain Set.

interface Run {
  /** Digits in each value (leading zeros count: "0001" and "1" are different control numbers). */
  width: number;
  low: number;
  high: number;
}

/** Past this many runs (a badly shuffled group), new gaps go to the Set, so an insert never moves more than this. */
const MAX_RUNS = 4096;
/** Up to 15 digits a value is an exact safe integer. */
const DIGITS = /^\d{1,15}$/;

export class ControlNumberSet {
  /** Sorted by (width, low); disjoint and never adjacent (adjacent runs are merged). */
  private readonly runs: Run[] = [];
  private readonly others = new Set<string>();

  /** Adds `value`; false when it was already there. */
  add(value: string): boolean {
    if (!DIGITS.test(value)) return this.addOther(value);
    const width = value.length;
    const n = Number(value);
    const { runs } = this;
    // First run ordered after (width, n); the one before it is the only one that can hold n or end just below it.
    let lo = 0;
    let hi = runs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const run = runs[mid] as Run;
      if (run.width < width || (run.width === width && run.low <= n)) lo = mid + 1;
      else hi = mid;
    }
    const before = runs[lo - 1];
    const after = runs[lo];
    const joinsBefore = before?.width === width && before.high + 1 >= n;
    if (joinsBefore && before.high >= n) return false;
    if (this.others.has(value)) return false;
    const joinsAfter = after?.width === width && after.low - 1 === n;
    if (joinsBefore && joinsAfter) {
      before.high = after.high;
      runs.splice(lo, 1);
    } else if (joinsBefore) before.high = n;
    else if (joinsAfter) after.low = n;
    else if (runs.length < MAX_RUNS) runs.splice(lo, 0, { width, low: n, high: n });
    else this.others.add(value);
    return true;
  }

  private addOther(value: string): boolean {
    if (this.others.has(value)) return false;
    this.others.add(value);
    return true;
  }
}
