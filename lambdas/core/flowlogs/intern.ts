/**
 * Small numbers for the strings a flow-log key repeats (interface ids, VPC ids, addresses that are not
 * IPv4): a key of numbers is hashed and compared without building a string per record.
 */
export class Interner {
  private ids = new Map<string, number>();
  private list: string[] = [];
  /** The last text asked for and its number: flow logs list an interface's records side by side. */
  private last: string | undefined;
  private lastId = -1;

  get size(): number {
    return this.list.length;
  }

  /** The number of `text`, given the next one on first sight. */
  id(text: string): number {
    if (text === this.last) return this.lastId;
    let id = this.ids.get(text);
    if (id === undefined) {
      id = this.list.length;
      // A copy: the text may be a slice of a line, which would keep the line and its chunk alive.
      const own = (text + ' ').slice(0, -1);
      this.ids.set(own, id);
      this.list.push(own);
    }
    this.last = this.list[id]; // the copy: holds no line
    this.lastId = id;
    return id;
  }

  text(id: number): string {
    return this.list[id]!;
  }

  /** Every string in the order first met (its number is its index); then the interner is empty. */
  take(): string[] {
    const list = this.list;
    this.ids = new Map();
    this.list = [];
    this.last = undefined;
    return list;
  }
}

const DOT = 46;

/**
 * A dotted-quad IPv4 address as flow logs write it (no leading zeros) to its 32-bit value, or -1 when
 * the text is anything else (IPv6, a non-canonical form): only a text `ipv4Text` gives back exactly is
 * packed, so nothing learned can tell a packed address from its text.
 */
export function packIpv4(text: string): number {
  const length = text.length;
  if (length < 7 || length > 15) return -1;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c === DOT) {
      if (digits === 0 || dots === 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
      continue;
    }
    const digit = c - 48;
    if (digit < 0 || digit > 9 || (digits === 1 && octet === 0)) return -1;
    octet = octet * 10 + digit;
    digits++;
    if (octet > 255) return -1;
  }
  if (digits === 0 || dots !== 3) return -1;
  return value * 256 + octet;
}

/** The text of a packed IPv4 address (an int32 bit pattern or its unsigned value). */
export function ipv4Text(packed: number): string {
  const v = packed >>> 0;
  return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}
