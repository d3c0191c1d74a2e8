// SpamdEvents in a compact batch, for handing them from a parse worker to the analysis on the main
// thread: structured clone of millions of small objects is slow, while a batch is three values
// (kind codes, numbers, and the string fields joined by '\n', which no field of a line contains).
import type { DaemonKind, SpamdEvent } from '../types.js';

export interface EventBatch {
  count: number;
  kinds: Uint8Array;
  /** Three numbers per event: time, then kind-specific ones. */
  nums: Float64Array;
  /** String fields of all events in order, each followed by '\n'. */
  text: string;
}

const KINDS = [
  'connect',
  'disconnect',
  'envelope',
  'header',
  'matched-lists',
  'new-entry',
  'trapping',
  'whitelisting',
  'blacklisted',
  'restart',
  'spamlogd',
  'daemon',
] as const satisfies ReadonlyArray<SpamdEvent['kind']>;
const KIND_CODE: Readonly<Record<SpamdEvent['kind'], number>> = Object.fromEntries(KINDS.map((k, i) => [k, i])) as Record<SpamdEvent['kind'], number>;
const LISTS = ['grey', 'black', 'legacy'] as const;
const DAEMON: readonly DaemonKind[] = ['queueing', 'sync', 'got-suffix', 'says', 'error', 'spamlogd-misc'];
const NUMS = 3;

export interface EventEncoder {
  readonly count: number;
  push(ev: SpamdEvent): void;
  /** The events pushed since the last take(), as a batch (its arrays are the caller's). */
  take(): EventBatch;
}

export function createEventEncoder(capacity = 16_384): EventEncoder {
  let cap = capacity;
  let count = 0;
  let kinds = new Uint8Array(cap);
  let nums = new Float64Array(cap * NUMS);
  let parts: string[] = [];

  function room(): void {
    if (count < cap) return;
    cap *= 2;
    const k = new Uint8Array(cap);
    k.set(kinds);
    kinds = k;
    const n = new Float64Array(cap * NUMS);
    n.set(nums);
    nums = n;
  }

  return {
    get count() {
      return count;
    },
    push(ev) {
      room();
      const o = count * NUMS;
      kinds[count] = KIND_CODE[ev.kind];
      nums[o] = ev.time;
      parts.push(ev.host);
      switch (ev.kind) {
        case 'connect':
          nums[o + 1] = ev.clients;
          nums[o + 2] = ev.black;
          parts.push(ev.ip, ev.lists);
          break;
        case 'disconnect':
          nums[o + 1] = ev.secs;
          parts.push(ev.ip, ev.lists);
          break;
        case 'envelope':
          nums[o + 1] = LISTS.indexOf(ev.list);
          parts.push(ev.ip, ev.from, ev.to);
          break;
        case 'header':
          parts.push(ev.ip, ev.name, ev.value);
          break;
        case 'matched-lists':
          parts.push(ev.ip, ev.lists);
          break;
        case 'new-entry':
          nums[o + 1] = ev.trap ? 1 : 0;
          parts.push(ev.ip, ev.from, ev.to, ev.helo);
          break;
        case 'trapping':
        case 'whitelisting':
        case 'blacklisted':
          parts.push(ev.ip);
          break;
        case 'restart':
          break;
        case 'spamlogd':
          nums[o + 1] = ev.direction === 'inbound' ? 0 : 1;
          parts.push(ev.ip);
          break;
        case 'daemon':
          nums[o + 1] = DAEMON.indexOf(ev.what);
          break;
      }
      count++;
    },
    take() {
      parts.push('');
      const batch: EventBatch = { count, kinds: kinds.slice(0, count), nums: nums.slice(0, count * NUMS), text: parts.join('\n') };
      count = 0;
      parts = [];
      return batch;
    },
  };
}

/** The events of a batch, in order, as the parser made them. */
export function decodeEvents(batch: EventBatch, emit: (ev: SpamdEvent) => void): void {
  const { kinds, nums, text } = batch;
  let at = 0;
  const str = (): string => {
    const nl = text.indexOf('\n', at);
    const s = text.slice(at, nl);
    at = nl + 1;
    return s;
  };
  for (let i = 0; i < batch.count; i++) {
    const o = i * NUMS;
    const time = nums[o]!;
    const host = str();
    switch (KINDS[kinds[i]!]) {
      case 'connect': {
        const ip = str();
        emit({ kind: 'connect', time, host, ip, clients: nums[o + 1]!, black: nums[o + 2]!, lists: str() });
        break;
      }
      case 'disconnect': {
        const ip = str();
        emit({ kind: 'disconnect', time, host, ip, secs: nums[o + 1]!, lists: str() });
        break;
      }
      case 'envelope': {
        const ip = str();
        const from = str();
        emit({ kind: 'envelope', time, host, ip, list: LISTS[nums[o + 1]!]!, from, to: str() });
        break;
      }
      case 'header': {
        const ip = str();
        const name = str();
        emit({ kind: 'header', time, host, ip, name, value: str() });
        break;
      }
      case 'matched-lists': {
        const ip = str();
        emit({ kind: 'matched-lists', time, host, ip, lists: str() });
        break;
      }
      case 'new-entry': {
        const ip = str();
        const from = str();
        const to = str();
        emit({ kind: 'new-entry', time, host, ip, from, to, helo: str(), trap: nums[o + 1] === 1 });
        break;
      }
      case 'trapping':
        emit({ kind: 'trapping', time, host, ip: str() });
        break;
      case 'whitelisting':
        emit({ kind: 'whitelisting', time, host, ip: str() });
        break;
      case 'blacklisted':
        emit({ kind: 'blacklisted', time, host, ip: str() });
        break;
      case 'restart':
        emit({ kind: 'restart', time, host });
        break;
      case 'spamlogd':
        emit({ kind: 'spamlogd', time, host, direction: nums[o + 1] === 0 ? 'inbound' : 'outbound', ip: str() });
        break;
      case 'daemon':
        emit({ kind: 'daemon', time, host, what: DAEMON[nums[o + 1]!]! });
        break;
      default:
        throw new Error(`event batch: unknown kind code ${kinds[i]}`);
    }
  }
}
