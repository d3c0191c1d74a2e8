// Strings numbered in the order first seen, each stored once: the parse worker's symbols
// (parse/event-codec.ts) and the analysis's addresses, senders, recipients and HELO names
// (analyze/analyzer.ts). Shared by both sides of the data flow, so it sits with types.ts.

/** Strings by number, each stored once as a flat copy (never a slice pinning the line it came from). */
export interface StringPool {
  /** The number of `s`, adding it when new (`flat`: `s` is a string of its own, no copy needed). */
  intern(s: string, flat?: boolean): number;
  /** The number of `s`, -1 when it was never interned. */
  find(s: string): number;
  get(id: number): string;
  readonly size: number;
  /** No more intern() or find(): let go of the lookup table, keep the strings (get() still works). */
  freeze(): void;
}

/**
 * A flat copy of `s`: a stored string must not keep the (large) line it was sliced from alive.
 * The JSON round trip gives a flat string of its own, exact for any string (lone surrogates too).
 */
export function detach(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

/**
 * A cheap copy of a short string that does not pin the line it was sliced from: a string of
 * under 13 characters is copied flat, a longer one becomes a slice of a flattened copy of itself.
 * For strings held a short while (open sessions), where detach()'s exact flat copy costs more.
 */
export function unpin(s: string): string {
  return s === '' ? s : (' ' + s).slice(1);
}

/** A string's 32-bit hash (FNV-1a over its UTF-16 code units), for the pool's own table. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0; // a signed 32-bit number, as the table stores it (the empty string's would not be)
}

export function createStringPool(): StringPool {
  const strings: string[] = [];
  // Open addressing on typed arrays (not a Map): hundreds of thousands of senders cost a Map's
  // growth and probing about 1 µs each; here a lookup is one hash of the text, a probe of two
  // arrays and one comparison. slots holds id + 1 (0: empty); at most half full.
  let slots = new Int32Array(1024);
  let hashes = new Int32Array(1024);
  let mask = slots.length - 1;

  function slotOf(s: string, h: number): number {
    let i = h & mask;
    for (;;) {
      const v = slots[i]!;
      if (v === 0 || (hashes[i] === h && strings[v - 1] === s)) return i;
      i = (i + 1) & mask;
    }
  }

  function rehash(): void {
    const oldSlots = slots;
    const oldHashes = hashes;
    slots = new Int32Array(oldSlots.length * 2);
    hashes = new Int32Array(oldSlots.length * 2);
    mask = slots.length - 1;
    for (let j = 0; j < oldSlots.length; j++) {
      const v = oldSlots[j]!;
      if (v === 0) continue;
      const h = oldHashes[j]!;
      let i = h & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = v;
      hashes[i] = h;
    }
  }

  return {
    intern(s, isFlat = false) {
      if (slots.length === 0) throw new Error('string pool: intern() after freeze()');
      const h = hashString(s);
      const i = slotOf(s, h);
      if (slots[i] !== 0) return slots[i]! - 1;
      const id = strings.length;
      strings.push(isFlat ? s : detach(s));
      slots[i] = id + 1;
      hashes[i] = h;
      if (strings.length * 2 > slots.length) rehash();
      return id;
    },
    find(s) {
      if (slots.length === 0) throw new Error('string pool: find() after freeze()');
      return slots[slotOf(s, hashString(s))]! - 1;
    },
    get(id) {
      return strings[id]!;
    },
    get size() {
      return strings.length;
    },
    freeze() {
      slots = new Int32Array(0);
      hashes = new Int32Array(0);
      mask = 0;
    },
  };
}
