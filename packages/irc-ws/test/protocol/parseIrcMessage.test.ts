import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IrcMessage, IrcParseFailure } from '../../src/protocol/IrcMessage.js';
import { parseIrcMessage } from '../../src/protocol/parseIrcMessage.js';
import { fixture, fixtureLines } from '../fixtures/twitchLines.js';

function parsed(line: string): IrcMessage {
  const result = parseIrcMessage(line);
  if (!result.ok) throw new Error(`expected a message, got ${result.reason}`);
  return result;
}

function failed(line: string): IrcParseFailure {
  const result = parseIrcMessage(line);
  if (result.ok) throw new Error('expected a failure');
  return result;
}

describe('parseIrcMessage', () => {
  it('parses every reference line', () => {
    expect(fixtureLines).toHaveLength(100);
    for (const { line } of fixtureLines) expect(parseIrcMessage(line).ok).toBe(true);
  });

  it('parses tags, a user prefix, the command and the trailing parameter', () => {
    const message = parsed(fixture('PRIVMSG with two emotes'));
    expect(message.tags.get('display-name')).toBe('ronni');
    expect(message.tags.get('emotes')).toBe('25:0-4,12-16/1902:6-10');
    expect(message.tags.get('badge-info')).toBe('');
    expect(message.prefix).toBe('ronni!ronni@ronni.tmi.twitch.tv');
    expect([message.nick, message.user, message.host]).toEqual(['ronni', 'ronni', 'ronni.tmi.twitch.tv']);
    expect(message.command).toBe('PRIVMSG');
    expect(message.params).toEqual(['#ronni', 'Kappa Keepo Kappa']);
  });

  it('splits any prefix into nick, user and host as the prefix string itself would be split', () => {
    const prefixText = fc.string({ unit: fc.constantFrom('a', 'b', '!', '@', '.') });
    fc.assert(
      fc.property(prefixText, fc.constantFrom('', ' :x!y@z', ' :@!'), (prefix, text) => {
        const message = parsed(`@a=1 :${prefix} PRIVMSG #c${text}`);
        const bang = prefix.indexOf('!');
        const at = prefix.indexOf('@');
        const nick = bang !== -1 && (at === -1 || bang < at) ? prefix.slice(0, bang) : at === -1 ? undefined : prefix.slice(0, at);
        expect([message.prefix, message.nick]).toEqual([prefix, nick]);
        expect(message.host).toBe(at !== -1 ? prefix.slice(at + 1) : bang === -1 ? prefix : undefined);
      }),
      { numRuns: 5_000 },
    );
    expect(parsed('PING').nick).toBeUndefined();
  });

  it('treats a prefix without ! or @ as a server name', () => {
    const message = parsed(fixture('353 NAMES (note prefix'));
    expect(message.nick).toBeUndefined();
    expect(message.host).toBe('bar.tmi.twitch.tv');
    expect(message.params).toEqual(['bar', '=', '#twitchdev', 'bar']);
  });

  it('accepts a one-word trailing parameter without its colon', () => {
    expect(parsed(fixture('PRIVMSG whose single-word text has NO leading colon')).params).toEqual(['#pajlada', 'shared9Dog']);
  });

  it('unescapes tag values', () => {
    expect(parsed(fixture('PRIVMSG whose display-name ends in an escaped space')).tags.get('display-name')).toBe('Iamme420 ');
    const line = '@a=x\\:y\\sz\\\\w\\r\\n;b=trailing\\;c=\\q\\ä CMD';
    const tags = parsed(line).tags;
    expect(tags.get('a')).toBe('x;y z\\w\r\n');
    expect(tags.get('b')).toBe('trailing');
    expect(tags.get('c')).toBe('qä');
  });

  it('keeps a bare key (null) distinct from key= ("")', () => {
    const tags = parsed('@bare;empty=;value=1 PING').tags;
    expect(tags.get('bare')).toBeNull();
    expect(tags.get('empty')).toBe('');
    expect(tags.get('value')).toBe('1');
    expect(tags.get('missing')).toBeUndefined();
  });

  it('exposes the tags as a read-only map in wire order', () => {
    const tags = parsed('@b=1;a=2;c PING').tags;
    expect([...tags]).toEqual([['b', '1'], ['a', '2'], ['c', null]]);
    expect([...tags.entries()]).toEqual([...tags]);
    expect([tags.size, tags.has('c'), tags.has('z'), tags.get('b')]).toEqual([3, true, false, '1']);
    expect([...tags.keys()]).toEqual(['b', 'a', 'c']);
    expect([...tags.values()]).toEqual(['1', '2', null]);
    const seen: string[] = [];
    tags.forEach((value, key) => seen.push(`${key}=${String(value)}`));
    expect(seen).toEqual(['b=1', 'a=2', 'c=null']);
    expect(JSON.stringify(tags)).toBe('{"b":"1","a":"2","c":null}');
    expect(new Map(tags)).toEqual(new Map([['b', '1'], ['a', '2'], ['c', null]]));
    expect(parsed('PING').tags.size).toBe(0);
  });

  it('returns the last value of a key sent twice; iteration shows both as written', () => {
    const tags = parsed('@b=1;a=2;b=3 PING').tags;
    expect(tags.get('b')).toBe('3');
    expect([...tags.keys()]).toEqual(['b', 'a', 'b']);
    expect(new Map(tags).get('b')).toBe('3');
  });

  it('indexes large tag blocks instead of scanning them', () => {
    const keys = Array.from({ length: 500 }, (_, index) => `k${index}`);
    const tags = parsed(`@${keys.map((key) => `${key}=${key}`).join(';')};k7=last PING`).tags;
    expect(tags.get('k499')).toBe('k499');
    expect(tags.get('k7')).toBe('last');
    expect(tags.has('k500')).toBe(false);
    expect(tags.size).toBe(501);
  });

  it('stores keys such as __proto__ as ordinary tags', () => {
    const tags = parsed('@__proto__=x;constructor=y PING').tags;
    expect(tags.get('__proto__')).toBe('x');
    expect(tags.get('constructor')).toBe('y');
  });

  it('strips line endings and tolerates runs of spaces', () => {
    const message = parsed(':tmi.twitch.tv   PONG   tmi.twitch.tv   :asd  \r\n');
    expect(message.raw).toBe(':tmi.twitch.tv   PONG   tmi.twitch.tv   :asd  ');
    expect(message.params).toEqual(['tmi.twitch.tv', 'asd  ']);
  });

  it('parses numerics and commands without parameters', () => {
    expect(parsed(':tmi.twitch.tv 001 mybot :Welcome, GLHF!').command).toBe('001');
    expect(parsed(':tmi.twitch.tv RECONNECT').params).toEqual([]);
    expect(parsed('PING').params).toEqual([]);
  });

  it('returns typed failures instead of throwing', () => {
    expect(failed('')).toMatchObject({ ok: false, reason: 'empty', position: 0 });
    expect(failed('    ')).toMatchObject({ reason: 'empty' });
    expect(failed('\r\n')).toMatchObject({ reason: 'empty' });
    expect(failed('@')).toMatchObject({ reason: 'missing-command', position: 1 });
    expect(failed('@a=b ')).toMatchObject({ reason: 'missing-command' });
    expect(failed(':prefix.only')).toMatchObject({ reason: 'missing-command' });
    expect(failed('@a=b :prefix ')).toMatchObject({ reason: 'missing-command' });
    expect(failed('PRIV$MSG #a :b')).toMatchObject({ reason: 'invalid-command', position: 0, raw: 'PRIV$MSG #a :b' });
    expect(failed('1234 x')).toMatchObject({ reason: 'invalid-command' });
    expect(failed(42 as unknown as string)).toMatchObject({ reason: 'not-a-string' });
  });

  it('handles huge lines and lone surrogates', () => {
    const huge = `@a=${'x'.repeat(2_000_000)} PRIVMSG #c :${'\uD800'.repeat(1000)}`;
    const message = parsed(huge);
    expect(message.tags.get('a')).toHaveLength(2_000_000);
    expect(message.params[1]).toHaveLength(1000);
    // Adversarial tag block: many bare keys without any `=` must stay linear.
    const manyBare = `@${'a;'.repeat(300_000)} PING`;
    expect(parsed(manyBare).tags.get('a')).toBeNull();
  });
});
