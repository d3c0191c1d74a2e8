// Numbered keys for the analyzer, in compact memory: strings (addresses, senders, recipients,
// HELO names) are stored once each and named by a number, and a triplet is three such numbers in
// an open-addressing hash table of typed arrays. A triplet then costs about 30 bytes of index
// instead of a key string, a Map entry and an object (docs/performance.md).

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

export function createStringPool(): StringPool {
  let ids = new Map<string, number>();
  const strings: string[] = [];
  return {
    intern(s, isFlat = false) {
      let id = ids.get(s);
      if (id === undefined) {
        const flat = isFlat ? s : detach(s);
        id = strings.length;
        strings.push(flat);
        ids.set(flat, id);
      }
      return id;
    },
    find(s) {
      return ids.get(s) ?? -1;
    },
    get(id) {
      return strings[id]!;
    },
    get size() {
      return strings.length;
    },
    freeze() {
      ids = new Map();
    },
  };
}

/** Triplets (address, sender, recipient), each three numbers, numbered 0, 1, ... in the order first seen. */
export interface TripletIndex {
  /** The triplet's number, -1 when it was never added. */
  find(addr: number, from: number, to: number): number;
  /** The triplet's number, adding it when new. */
  add(addr: number, from: number, to: number): number;
  addr(id: number): number;
  from(id: number): number;
  to(id: number): number;
  readonly size: number;
  /** No more find() or add(): let go of the hash table, keep the triplets (addr/from/to still work). */
  freeze(): void;
}

function hash3(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x5bd1e995, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77) ^ Math.imul(c + 0x165667b1, 0xc2b2ae3d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

function grow(a: Int32Array, need: number): Int32Array {
  if (need <= a.length) return a;
  const bigger = new Int32Array(Math.max(need, Math.ceil(a.length * 1.5)));
  bigger.set(a);
  return bigger;
}

export function createTripletIndex(): TripletIndex {
  let addrs: Int32Array = new Int32Array(1024);
  let froms: Int32Array = new Int32Array(1024);
  let tos: Int32Array = new Int32Array(1024);
  let size = 0;
  // Open addressing, linear probing; -1 is an empty slot; at most half full.
  let slots = new Int32Array(4096).fill(-1);
  let mask = slots.length - 1;

  /** The slot holding the triplet, or the empty slot where it would go. */
  function slotOf(a: number, b: number, c: number): number {
    let i = hash3(a, b, c) & mask;
    for (;;) {
      const id = slots[i]!;
      if (id < 0 || (addrs[id] === a && froms[id] === b && tos[id] === c)) return i;
      i = (i + 1) & mask;
    }
  }

  function rehash(): void {
    slots = new Int32Array(slots.length * 2).fill(-1);
    mask = slots.length - 1;
    for (let id = 0; id < size; id++) slots[slotOf(addrs[id]!, froms[id]!, tos[id]!)] = id;
  }

  return {
    find(a, b, c) {
      if (slots.length === 0) throw new Error('triplet index: find() after freeze()');
      return slots[slotOf(a, b, c)]!;
    },
    add(a, b, c) {
      if (slots.length === 0) throw new Error('triplet index: add() after freeze()');
      const i = slotOf(a, b, c);
      if (slots[i]! >= 0) return slots[i]!;
      const id = size++;
      addrs = grow(addrs, size);
      froms = grow(froms, size);
      tos = grow(tos, size);
      addrs[id] = a;
      froms[id] = b;
      tos[id] = c;
      if (size * 2 > slots.length) rehash();
      else slots[i] = id;
      return id;
    },
    addr: (id) => addrs[id]!,
    from: (id) => froms[id]!,
    to: (id) => tos[id]!,
    get size() {
      return size;
    },
    freeze() {
      slots = new Int32Array(0);
      mask = 0;
      addrs = addrs.slice(0, size);
      froms = froms.slice(0, size);
      tos = tos.slice(0, size);
    },
  };
}
