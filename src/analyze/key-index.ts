// Numbered keys for the analyzer, in compact memory: strings (addresses, senders, recipients,
// HELO names) are stored once each and named by a number (src/string-pool.ts), and a triplet is
// three such numbers in an open-addressing hash table of typed arrays. A triplet then costs
// about 30 bytes of index instead of a key string, a Map entry and an object (docs/performance.md).

export type { StringPool } from '../string-pool.js';

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
