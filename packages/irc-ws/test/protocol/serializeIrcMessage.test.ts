import { describe, expect, it } from 'vitest';
import { InvalidIrcMessageError } from '../../src/protocol/errors/InvalidIrcMessageError.js';
import { IrcInjectionError } from '../../src/protocol/errors/IrcInjectionError.js';
import { parseIrcMessage } from '../../src/protocol/parseIrcMessage.js';
import { serializeIrcMessage } from '../../src/protocol/serializeIrcMessage.js';
import { escapeTagValue, unescapeTagValue } from '../../src/protocol/tagEscaping.js';
import { fixtureLines } from '../fixtures/twitchLines.js';

describe('serializeIrcMessage', () => {
  it('writes tags (escaped, bare, from a Map or an object), prefix, params and trailing', () => {
    expect(
      serializeIrcMessage({
        tags: { a: 'x y;z', bare: null, skipped: undefined, empty: '' },
        prefix: 'tmi.twitch.tv',
        command: 'PRIVMSG',
        params: ['#c', 'hello world'],
      }),
    ).toBe('@a=x\\sy\\:z;bare;empty= :tmi.twitch.tv PRIVMSG #c :hello world');
    expect(serializeIrcMessage({ tags: new Map([['k', 'v']]), command: 'PING', params: ['x'] })).toBe('@k=v PING x');
    expect(serializeIrcMessage({ command: 'CAP', params: ['*', 'ACK', ''] })).toBe('CAP * ACK :');
    expect(serializeIrcMessage({ command: 'X', params: [':colon'] })).toBe('X ::colon');
  });

  it('re-serializes every parsed reference line to an equivalent line', () => {
    for (const { line } of fixtureLines) {
      const parsed = parseIrcMessage(line);
      if (!parsed.ok) throw new Error(line);
      const again = parseIrcMessage(serializeIrcMessage(parsed));
      if (!again.ok) throw new Error(line);
      expect([new Map(again.tags), again.prefix, again.command, again.params]).toEqual([new Map(parsed.tags), parsed.prefix, parsed.command, parsed.params]);
      expect(again.tags.size).toBeGreaterThanOrEqual(0);
    }
  });

  it('refuses CR, LF, NUL and malformed parts', () => {
    expect(() => serializeIrcMessage({ command: 'PRIVMSG', params: ['#c', 'a\r\nQUIT'] })).toThrow(IrcInjectionError);
    expect(() => serializeIrcMessage({ tags: { a: 'x\ny' }, command: 'PING' })).toThrow(IrcInjectionError);
    expect(() => serializeIrcMessage({ prefix: 'a\u0000', command: 'PING' })).toThrow(IrcInjectionError);
    expect(() => serializeIrcMessage({ command: 'PRIVMSG', params: ['#a b', 'x'] })).toThrow(InvalidIrcMessageError);
    expect(() => serializeIrcMessage({ command: 'PRIVMSG', params: ['', 'x'] })).toThrow(InvalidIrcMessageError);
    expect(() => serializeIrcMessage({ command: 'PRIV MSG' })).toThrow(InvalidIrcMessageError);
    expect(() => serializeIrcMessage({ tags: { 'bad key': 'x' }, command: 'PING' })).toThrow(InvalidIrcMessageError);
  });
});

describe('tag escaping', () => {
  it('escapes and unescapes', () => {
    expect(escapeTagValue('a b;c\\d\r\n')).toBe('a\\sb\\:c\\\\d\\r\\n');
    expect(unescapeTagValue('a\\sb\\:c\\\\d\\r\\n')).toBe('a b;c\\d\r\n');
    expect(unescapeTagValue('end\\')).toBe('end');
    expect(unescapeTagValue('\\x\\')).toBe('x');
    expect(escapeTagValue('plain')).toBe('plain');
  });
});
