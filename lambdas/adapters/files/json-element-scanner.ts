/** Called with the JSON text of each element found, its array ('' = the root array) and index. */
export type OnElement = (container: string, index: number, text: string) => void;

export class JsonScanError extends Error {
  override readonly name = 'JsonScanError';
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const COMMA = 44;
const COLON = 58;

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9 || c === 0xfeff;

/**
 * Splits a JSON document that arrives in chunks into the elements of the arrays it holds at the top:
 * the root itself when it is an array, or the root object's keys listed in `keys` (e.g. Records,
 * Events, QueryResultRows). Only the element being read is held, so memory stays flat however big the
 * document is; each element is handed over as text for JSON.parse. Not a validator: a malformed
 * element is handed over as is (JSON.parse reports it); a truncated document fails at `end`.
 */
export class JsonElementScanner {
  #text = '';
  #i = 0;
  #depth = 0;
  #inString = false;
  #rootArray = false;
  #expectKey = false;
  #keyStart = -1;
  #lastKey: string | undefined;
  #collecting: string | undefined;
  #collectDepth = 0;
  #awaiting = false;
  #elementStart = -1;
  #index = 0;
  #found = false;

  constructor(
    private readonly keys: ReadonlySet<string>,
    private readonly onElement: OnElement,
  ) {}

  /** Whether an array of interest was found (so far). */
  get found(): boolean {
    return this.#found;
  }

  write(chunk: string): void {
    this.#text += chunk;
    this.#scan();
    // Keep the text from the element (or key) being read; everything before it is done with.
    const held = this.#elementStart >= 0 ? this.#elementStart : this.#keyStart;
    const anchor = held >= 0 ? held : this.#text.length;
    this.#text = this.#text.slice(anchor);
    this.#i -= anchor;
    if (this.#elementStart >= 0) this.#elementStart -= anchor;
    if (this.#keyStart >= 0) this.#keyStart -= anchor;
  }

  /** The document ended: throws JsonScanError when it is incomplete. */
  end(): void {
    if (this.#depth !== 0 || this.#inString) throw new JsonScanError('unexpected end of the JSON document');
  }

  #scan(): void {
    const text = this.#text;
    const n = text.length;
    let i = this.#i;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (this.#inString) {
        if (c === BACKSLASH) i += 2;
        else {
          if (c === QUOTE) this.#endString(i);
          i += 1;
        }
        continue;
      }
      if (this.#awaiting) {
        if (isSpace(c)) {
          i += 1;
          continue;
        }
        this.#awaiting = false;
        if (c !== CLOSE_ARRAY) this.#elementStart = i;
      }
      this.#structural(c, i);
      i += 1;
    }
    this.#i = i;
  }

  #endString(i: number): void {
    this.#inString = false;
    if (this.#keyStart < 0) return;
    this.#lastKey = JSON.parse(this.#text.slice(this.#keyStart, i + 1)) as string;
    this.#keyStart = -1;
  }

  #structural(c: number, i: number): void {
    const atRootObject = this.#depth === 1 && !this.#rootArray;
    switch (c) {
      case QUOTE:
        this.#inString = true;
        if (atRootObject && this.#expectKey) this.#keyStart = i;
        return;
      case OPEN_OBJECT:
      case OPEN_ARRAY:
        this.#open(c, atRootObject);
        return;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        if (this.#collecting !== undefined && this.#depth === this.#collectDepth) {
          this.#emit(i);
          this.#collecting = undefined;
        }
        this.#depth -= 1;
        return;
      case COMMA:
        if (this.#collecting !== undefined && this.#depth === this.#collectDepth) {
          this.#emit(i);
          this.#awaiting = true;
        } else if (atRootObject) this.#expectKey = true;
        return;
      case COLON:
        if (atRootObject) this.#expectKey = false;
        return;
    }
  }

  #open(c: number, atRootObject: boolean): void {
    this.#depth += 1;
    if (this.#depth === 1) {
      this.#rootArray = c === OPEN_ARRAY;
      if (this.#rootArray) this.#collect('', 1);
      else this.#expectKey = true;
    } else if (atRootObject && c === OPEN_ARRAY && this.keys.has(this.#lastKey ?? '')) {
      this.#collect(this.#lastKey ?? '', 2);
    }
  }

  #collect(container: string, depth: number): void {
    this.#found = true;
    this.#collecting = container;
    this.#collectDepth = depth;
    this.#awaiting = true;
    this.#index = 0;
  }

  #emit(end: number): void {
    if (this.#elementStart < 0) return;
    const text = this.#text.slice(this.#elementStart, end);
    this.#elementStart = -1;
    this.onElement(this.#collecting ?? '', this.#index++, text);
  }
}
