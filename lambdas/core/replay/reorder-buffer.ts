import { MinHeap } from './min-heap';

/** Something with a place in time: `timeMs` first, then `seq` (arrival order) for equal times. */
export interface Timed {
  readonly timeMs: number;
  readonly seq: number;
}

const earlier = (a: Timed, b: Timed) => a.timeMs < b.timeMs || (a.timeMs === b.timeMs && a.seq < b.seq);

/**
 * Puts items that arrive roughly in time order back in exact order, holding only those that could
 * still be overtaken: items are released once the watermark (the time before which nothing more can
 * arrive) passes them. At most `maxHeld` are held; beyond that the oldest is released early.
 */
export class ReorderBuffer<T extends Timed> {
  readonly #heap = new MinHeap<T>(earlier);
  #releasedEarly = 0;

  constructor(private readonly maxHeld: number) {}

  get size(): number {
    return this.#heap.size;
  }

  /** How many items were released before the watermark passed them because the buffer was full. */
  get releasedEarly(): number {
    return this.#releasedEarly;
  }

  push(item: T, emit: (item: T) => void): void {
    this.#heap.push(item);
    while (this.#heap.size > this.maxHeld) {
      this.#releasedEarly += 1;
      emit(this.#heap.pop()!);
    }
  }

  /** Releases, oldest first, every item strictly before `watermarkMs`. */
  releaseBefore(watermarkMs: number, emit: (item: T) => void): void {
    for (let top = this.#heap.peek(); top !== undefined && top.timeMs < watermarkMs; top = this.#heap.peek())
      emit(this.#heap.pop()!);
  }

  /** Releases everything, oldest first. */
  drain(emit: (item: T) => void): void {
    this.releaseBefore(Number.POSITIVE_INFINITY, emit);
  }
}
