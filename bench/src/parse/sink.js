// What a consumer reads from a parsed message goes through a sink, so the benchmark and the equivalence check
// (check.js) run exactly the same adapter code. Every adapter calls the same sink methods for the same data.
//
// ChecksumSink is the benchmark's sink: it adds up lengths and numbers, so no read can be optimised away, and the
// totals of two libraries that read the same data are equal (the sum does not depend on order).

/** Adds lengths and numbers; the benchmark's sink. */
export class ChecksumSink {
  constructor() {
    this.total = 0;
  }

  // raw level
  /** @param {string} command */
  command(command) {
    this.total += command.length;
  }
  /** @param {string} value */
  param(value) {
    this.total += value.length;
  }
  /** @param {string} key @param {string} value - '' when the library gives no string (tmi.js `true`, dank `null`) */
  tag(key, value) {
    this.total += key.length + value.length;
  }

  // typed level
  /** @param {string} kind - the command the message was decoded as */
  kind(kind) {
    this.total += kind.length;
  }
  /** @param {string} channel - with or without the leading `#`, as the library gives it */
  channel(channel) {
    this.total += channel.charCodeAt(0) === 35 ? channel.length - 1 : channel.length;
  }
  /** @param {string} name @param {string | number | boolean | null | undefined} value */
  field(name, value) {
    if (typeof value === 'string') this.total += value.length;
    else if (typeof value === 'number') this.total += value;
    else if (value === true) this.total += 1;
  }
  /** @param {string} name @param {string} version */
  badge(name, version) {
    this.total += name.length + version.length;
  }
  /** @param {string} id @param {number} start - code points, inclusive @param {number} end - code points, inclusive */
  emote(id, start, end) {
    this.total += id.length + start + end;
  }
}

/** Records what was read, for check.js. */
export class RecordingSink {
  constructor() {
    this.reset();
  }

  reset() {
    /** @type {Record<string, unknown>} */
    this.record = { params: [], tags: {}, badges: [], emotes: [] };
  }

  command(command) {
    this.record.command = command;
  }
  param(value) {
    /** @type {string[]} */ (this.record.params).push(value);
  }
  tag(key, value) {
    /** @type {Record<string, string>} */ (this.record.tags)[key] = value;
  }
  kind(kind) {
    this.record.kind = kind;
  }
  channel(channel) {
    this.record.channel = channel.charCodeAt(0) === 35 ? channel.slice(1) : channel;
  }
  field(name, value) {
    this.record[name] = value === undefined ? null : value;
  }
  badge(name, version) {
    /** @type {string[]} */ (this.record.badges).push(`${name}/${version}`);
  }
  emote(id, start, end) {
    /** @type {string[]} */ (this.record.emotes).push(`${id}:${start}-${end}`);
  }

  /** @returns {Record<string, unknown>} the record with order-free lists sorted */
  take() {
    const record = this.record;
    /** @type {string[]} */ (record.badges).sort();
    /** @type {string[]} */ (record.emotes).sort();
    this.reset();
    return record;
  }
}
