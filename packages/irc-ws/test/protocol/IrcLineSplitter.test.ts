import { describe, expect, it } from 'vitest';
import { IrcLineSplitter } from '../../src/protocol/IrcLineSplitter.js';

describe('IrcLineSplitter', () => {
  it('splits a multi-line frame, tolerating bare \\n and dropping empty lines', () => {
    const splitter = new IrcLineSplitter();
    expect(splitter.push('PING :a\r\n\r\nPING :b\nPING :c\r\n')).toEqual(['PING :a', 'PING :b', 'PING :c']);
    expect(splitter.bufferedLength).toBe(0);
  });

  it('carries a line split across frames over to the next frame', () => {
    const splitter = new IrcLineSplitter();
    expect(splitter.push(':tmi.twitch.tv 001 bot :Wel')).toEqual([]);
    expect(splitter.bufferedLength).toBe(27);
    expect(splitter.push('come\r')).toEqual([]);
    expect(splitter.push('\nPING')).toEqual([':tmi.twitch.tv 001 bot :Welcome']);
    expect(splitter.push(' :x\r\n')).toEqual(['PING :x']);
  });

  it('reports an overlong line as a failure, drops it, and recovers at the next newline', () => {
    const splitter = new IrcLineSplitter({ maxLineLength: 10 });
    const first = splitter.push('x'.repeat(50));
    expect(first).toEqual([{ ok: false, reason: 'line-too-long', raw: 'x'.repeat(50), position: 50 }]);
    expect(splitter.bufferedLength).toBe(0);
    expect(splitter.push('y'.repeat(1000))).toEqual([]);
    expect(splitter.push('zz\r\nPING\r\n')).toEqual(['PING']);
    expect(splitter.push(`${'w'.repeat(11)}\r\nPONG\r\n`)).toEqual([
      { ok: false, reason: 'line-too-long', raw: 'w'.repeat(11), position: 11 },
      'PONG',
    ]);
  });

  it('keeps memory bounded for a 1 MB frame without newline', () => {
    const splitter = new IrcLineSplitter();
    const [failure] = splitter.push('a'.repeat(1_048_576));
    expect(failure).toMatchObject({ ok: false, reason: 'line-too-long', position: 1_048_576 });
    expect(typeof failure === 'object' && failure.raw.length).toBe(512);
    expect(splitter.bufferedLength).toBe(0);
  });

  it('accepts a line of exactly the maximum length whose CRLF is split across frames', () => {
    const splitter = new IrcLineSplitter({ maxLineLength: 4 });
    expect(splitter.push('PING\r')).toEqual([]);
    expect(splitter.push('\n')).toEqual(['PING']);
  });

  it('forgets the partial line on reset and validates its option', () => {
    const splitter = new IrcLineSplitter();
    splitter.push('PIN');
    splitter.reset();
    expect(splitter.push('G\r\n')).toEqual(['G']);
    expect(() => new IrcLineSplitter({ maxLineLength: 0 })).toThrow(RangeError);
  });
});
