/**
 * A small seeded pseudo-random generator (mulberry32), so generated chat is reproducible from its seed.
 */
export class Prng {
  private state: number;

  /**
   * @param seed - any integer; the same seed gives the same sequence
   */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /**
   * @returns a float in [0, 1)
   */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let value = this.state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  }

  /**
   * @param maxExclusive - the upper bound
   * @returns an integer in [0, maxExclusive)
   */
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  /**
   * @param items - a non-empty list
   * @returns one item, picked uniformly
   */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  /**
   * @returns a version-4-shaped UUID drawn from this generator
   */
  uuid(): string {
    let hex = '';
    for (let index = 0; index < 32; index++) hex += this.int(16).toString(16);
    const variant = ((this.int(4) + 8) as number).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}
