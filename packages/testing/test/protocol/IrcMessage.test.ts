import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { escapeTagValue, parseIrcLine, serializeIrcMessage, splitFrameLines, unescapeTagValue } from '../../src/index.js';

describe('parseIrcLine', () => {
  it('parses tags, prefix, command and a trailing parameter', () => {
    const message = parseIrcLine('@badge-info=;display-name=Iamme420\\s;bare :ronni!ronni@ronni.tmi.twitch.tv PRIVMSG #ronni :Kappa Keepo');
    expect(message).toEqual({
      tags: new Map([
        ['badge-info', ''],
        ['display-name', 'Iamme420 '],
        ['bare', undefined],
      ]),
      prefix: 'ronni!ronni@ronni.tmi.twitch.tv',
      command: 'PRIVMSG',
      params: ['#ronni', 'Kappa Keepo'],
    });
  });

  it('reads a trailing parameter without a colon and lowercase commands', () => {
    expect(parseIrcLine(':lahoooo!lahoooo@lahoooo.tmi.twitch.tv PRIVMSG #pajlada shared9Dog')?.params).toEqual(['#pajlada', 'shared9Dog']);
    expect(parseIrcLine('ping :x\r\n')).toMatchObject({ command: 'PING', params: ['x'] });
  });

  it('never throws on garbage and returns undefined without a command', () => {
    expect(parseIrcLine('')).toBeUndefined();
    expect(parseIrcLine('@a=b')).toBeUndefined();
    expect(parseIrcLine(':prefix-only')).toBeUndefined();
    fc.assert(fc.property(fc.string(), (line) => {
      parseIrcLine(line);
    }));
  });

  it('parses every real server line of the reference', () => {
    const lines = readFileSync(new URL('../fixtures/twitch-lines.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((line) => line.length > 0 && !line.startsWith('#'));
    expect(lines.length).toBeGreaterThan(90);
    for (const line of lines) expect(parseIrcLine(line)?.command).toMatch(/^[A-Z0-9]+$/);
  });
});

describe('tag escaping', () => {
  it('follows the IRCv3 table', () => {
    expect(unescapeTagValue('a\\:b\\sc\\\\d\\re\\nf\\xg\\')).toBe('a;b c\\d\re\nfxg');
    expect(escapeTagValue('a;b c\\d\re\nf')).toBe('a\\:b\\sc\\\\d\\re\\nf');
  });

  it('round-trips any value', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (value) => unescapeTagValue(escapeTagValue(value)) === value));
  });
});

describe('serializeIrcMessage', () => {
  it('round-trips generated messages through the parser', () => {
    const key = fc.stringMatching(/^[a-z][a-z0-9-]{0,15}$/);
    const word = fc.stringMatching(/^[#a-zA-Z0-9_][^\s:\r\n]{0,15}$/).filter((param) => param.length > 0);
    const trailing = fc.string().filter((text) => !/[\r\n\0]/.test(text));
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(key, fc.string()), { selector: ([name]) => name, maxLength: 5 }),
        fc.option(fc.stringMatching(/^[a-z0-9.!@]{1,30}$/), { nil: undefined }),
        fc.stringMatching(/^[A-Z]{1,10}$/),
        fc.array(word, { maxLength: 3 }),
        trailing,
        (tags, prefix, command, middle, last) => {
          const message = { tags: new Map<string, string | undefined>(tags), prefix, command, params: [...middle, last] };
          expect(parseIrcLine(serializeIrcMessage(message))).toEqual(message);
        },
      ),
    );
  });

  it('writes the last parameter without a colon only when asked and possible', () => {
    const message = { tags: new Map(), prefix: 'a', command: 'JOIN', params: ['#chan'] };
    expect(serializeIrcMessage(message, false)).toBe(':a JOIN #chan');
    expect(serializeIrcMessage(message)).toBe(':a JOIN :#chan');
  });
});

describe('splitFrameLines', () => {
  it('accepts CRLF, bare LF, no terminator and several lines per frame, dropping empty lines', () => {
    expect(splitFrameLines('PASS oauth:x\r\nNICK y\n\r\nJOIN #a')).toEqual(['PASS oauth:x', 'NICK y', 'JOIN #a']);
    expect(splitFrameLines('PING\r\n')).toEqual(['PING']);
    expect(splitFrameLines('')).toEqual([]);
  });
});
