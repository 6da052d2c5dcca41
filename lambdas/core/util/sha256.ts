/**
 * SHA-256 (FIPS 180-4) over the UTF-8 bytes of a string, in pure TypeScript: the core stays free of
 * Node's crypto module (and so deterministic and portable), and ids are short inputs. Finding ids hash
 * every verdict's pair lists, so the rounds run on int32 locals (`| 0`), not doubles wrapped by `>>> 0`.
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);

const INITIAL = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/**
 * SHA-256 of UTF-8 text fed in pieces: `reset().update(a).update(b).hex()` is the digest of the bytes
 * of `a + b` as TextEncoder encodes them (a surrogate pair split between pieces is still one code
 * point; a lone surrogate is U+FFFD). The text is encoded into the 64-byte block as it comes: no
 * encoded copy, no padded copy. One instance hashes one text at a time.
 */
export class Sha256 {
  private readonly block = new Uint8Array(64);
  private readonly w = new Int32Array(64);
  private readonly h = new Int32Array(8);
  /** Bytes in `block`, and bytes hashed before it. */
  private used = 0;
  private done = 0;
  /** A high surrogate that ended the last piece, waiting for its low half. */
  private highSurrogate = 0;

  constructor() {
    this.reset();
  }

  reset(): this {
    this.h.set(INITIAL);
    this.used = 0;
    this.done = 0;
    this.highSurrogate = 0;
    return this;
  }

  update(text: string): this {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.highSurrogate) {
        const high = this.highSurrogate;
        this.highSurrogate = 0;
        if (c >= 0xdc00 && c <= 0xdfff) {
          const cp = 0x10000 + ((high - 0xd800) << 10) + (c - 0xdc00);
          this.byte(0xf0 | (cp >>> 18));
          this.byte(0x80 | ((cp >>> 12) & 0x3f));
          this.byte(0x80 | ((cp >>> 6) & 0x3f));
          this.byte(0x80 | (cp & 0x3f));
          continue;
        }
        this.replacement();
      }
      if (c < 0x80) this.byte(c);
      else if (c < 0x800) {
        this.byte(0xc0 | (c >>> 6));
        this.byte(0x80 | (c & 0x3f));
      } else if (c >= 0xd800 && c <= 0xdbff) this.highSurrogate = c;
      else if (c >= 0xdc00 && c <= 0xdfff) this.replacement();
      else {
        this.byte(0xe0 | (c >>> 12));
        this.byte(0x80 | ((c >>> 6) & 0x3f));
        this.byte(0x80 | (c & 0x3f));
      }
    }
    return this;
  }

  /** The digest of everything fed since reset(), as 64 lowercase hex digits. */
  hex(): string {
    if (this.highSurrogate) {
      this.highSurrogate = 0;
      this.replacement();
    }
    const bits = (this.done + this.used) * 8;
    this.byte(0x80);
    while (this.used !== 56) this.byte(0);
    const high = Math.floor(bits / 0x100000000);
    const low = bits >>> 0;
    for (let s = 24; s >= 0; s -= 8) this.byte((high >>> s) & 0xff);
    for (let s = 24; s >= 0; s -= 8) this.byte((low >>> s) & 0xff);
    const h = this.h;
    let hex = '';
    for (let i = 0; i < 8; i++) hex += (h[i]! >>> 0).toString(16).padStart(8, '0');
    return hex;
  }

  /** U+FFFD, what TextEncoder writes for a lone surrogate. */
  private replacement(): void {
    this.byte(0xef);
    this.byte(0xbf);
    this.byte(0xbd);
  }

  private byte(b: number): void {
    this.block[this.used++] = b;
    if (this.used === 64) {
      this.compress();
      this.used = 0;
      this.done += 64;
    }
  }

  private compress(): void {
    const { block: b, w, h } = this;
    for (let t = 0; t < 16; t++) {
      const at = t * 4;
      w[t] = (b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!;
    }
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15]!;
      const y = w[t - 2]!;
      const s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >>> 3);
      const s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >>> 10);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) | 0;
    }
    let a = h[0]!, b2 = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, k = h[7]!;
    for (let t = 0; t < 64; t++) {
      const t1 = (k + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[t]! + w[t]!) | 0;
      const t2 = ((rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b2) ^ (a & c) ^ (b2 & c))) | 0;
      k = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b2;
      b2 = a;
      a = (t1 + t2) | 0;
    }
    h[0] = (h[0]! + a) | 0;
    h[1] = (h[1]! + b2) | 0;
    h[2] = (h[2]! + c) | 0;
    h[3] = (h[3]! + d) | 0;
    h[4] = (h[4]! + e) | 0;
    h[5] = (h[5]! + f) | 0;
    h[6] = (h[6]! + g) | 0;
    h[7] = (h[7]! + k) | 0;
  }
}

const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n));

/** The instance sha256Hex uses: it is synchronous and runs no other code while hashing. */
const shared = new Sha256();

/** SHA-256 of `text` as 64 lowercase hex digits. */
export function sha256Hex(text: string): string {
  return shared.reset().update(text).hex();
}
