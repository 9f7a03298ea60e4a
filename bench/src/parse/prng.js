/**
 * A small seeded PRNG (xorshift128+ style on 32-bit halves, seeded through splitmix32) so the corpus is identical
 * on every machine and every run for the same seed. Not cryptographic; it only has to be fast and reproducible.
 */
export class Random {
  /** @param {number} seed - any 32-bit integer */
  constructor(seed) {
    let state = seed >>> 0;
    const next = () => {
      // splitmix32: spreads a small seed over four independent words
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next() || 1;
  }

  /** @returns {number} a uniform 32-bit unsigned integer (xoshiro128**) */
  nextUint32() {
    const result = Math.imul(rotl(Math.imul(this.b, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.b << 9) >>> 0;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    this.a >>>= 0;
    this.b >>>= 0;
    this.c >>>= 0;
    this.d >>>= 0;
    return result;
  }

  /** @returns {number} a float in [0, 1) */
  float() {
    return this.nextUint32() / 4294967296;
  }

  /** @returns {number} an integer in [min, max] */
  int(min, max) {
    return min + Math.floor(this.float() * (max - min + 1));
  }

  /** @returns {boolean} true with the given probability */
  chance(probability) {
    return this.float() < probability;
  }

  /** @template T @param {readonly T[]} items @returns {T} */
  pick(items) {
    return items[Math.floor(this.float() * items.length)];
  }

  /**
   * Picks by weight. `entries` is an array of `[item, weight]`.
   * @template T @param {readonly (readonly [T, number])[]} entries @returns {T}
   */
  weighted(entries) {
    let total = 0;
    for (const entry of entries) total += entry[1];
    let roll = this.float() * total;
    for (const entry of entries) {
      roll -= entry[1];
      if (roll < 0) return entry[0];
    }
    return entries[entries.length - 1][0];
  }

  /** Skewed pick: low indices are much more likely (popular channels, chatty users). */
  skewed(items, exponent = 2.2) {
    return items[Math.floor(Math.pow(this.float(), exponent) * items.length)];
  }

  /** @returns {string} `length` lowercase hex digits */
  hex(length) {
    let out = '';
    while (out.length < length) out += this.nextUint32().toString(16).padStart(8, '0');
    return out.slice(0, length);
  }

  /** @returns {string} a version-4 UUID, as Twitch uses for message ids */
  uuid() {
    const h = this.hex(32);
    const variant = '89ab'[this.int(0, 3)];
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

function rotl(x, k) {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
