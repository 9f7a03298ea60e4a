import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChatCommandError } from '../../src/protocol/errors/ChatCommandError.js';
import { InvalidIrcMessageError } from '../../src/protocol/errors/InvalidIrcMessageError.js';
import { InvalidLoginError } from '../../src/protocol/errors/InvalidLoginError.js';
import { IrcInjectionError } from '../../src/protocol/errors/IrcInjectionError.js';
import { MessageTooLongError } from '../../src/protocol/errors/MessageTooLongError.js';
import { IrcLineSplitter } from '../../src/protocol/IrcLineSplitter.js';
import { parseIrcMessage } from '../../src/protocol/parseIrcMessage.js';
import { serializeIrcMessage } from '../../src/protocol/serializeIrcMessage.js';
import { escapeTagValue, unescapeTagValue } from '../../src/protocol/tagEscaping.js';
import { buildJoin, buildPass, buildPing, buildPong, buildPrivmsg } from '../../src/twitch/commands.js';
import { decodeTwitchMessage } from '../../src/twitch/decodeTwitchMessage.js';
import { fixtureLines } from '../fixtures/twitchLines.js';

/** Counts every generated input, so the report can state the total. */
let totalRuns = 0;
function counted<T extends unknown[]>(predicate: (...args: T) => void): (...args: T) => void {
  return (...args: T) => {
    totalRuns++;
    predicate(...args);
  };
}

// Arbitrary strings over every UTF-16 code unit, lone surrogates included.
const anyText = fc.string({ unit: 'binary' });
const anyUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)) });
// Strings biased toward IRC syntax, so the parser's branches are exercised.
const ircish = fc.string({ unit: fc.constantFrom('@', ':', ';', '=', ' ', '\\', '!', '#', 'a', 'P', '1', '\r', '\n', 's', '\uD83D', '\uDC49') });
const knownLines = fc.constantFrom(...fixtureLines.map((entry) => entry.line));
const mutatedLine = fc
  .tuple(knownLines, fc.nat(), fc.nat(), anyUnits)
  .map(([line, from, length, insert]) => {
    const start = from % (line.length + 1);
    return line.slice(0, start) + insert + line.slice(Math.min(line.length, start + (length % 40)));
  });

function parseAndDecode(line: string): void {
  const parsed = parseIrcMessage(line);
  if (!parsed.ok) {
    expect(typeof parsed.reason).toBe('string');
    return;
  }
  const decoded = decodeTwitchMessage(parsed) as unknown as Record<string, unknown>;
  // Read every field a handler might read: none may throw.
  for (const key of ['type', 'kind', 'channel', 'text', 'userLogin', 'displayName', 'badges', 'badgeInfo', 'emotes', 'id', 'reply', 'sharedChat', 'parameters', 'paidPinnedChat', 'bits', 'sentAt', 'isVip']) {
    void decoded[key];
  }
  const emotes = decoded['emotes'];
  if (Array.isArray(emotes) && typeof decoded['text'] === 'string') {
    for (const emote of emotes as Array<{ start: number; end: number }>) {
      expect(emote.start).toBeGreaterThanOrEqual(0);
      expect(emote.end).toBeLessThanOrEqual((decoded['text'] as string).length);
      expect(emote.start).toBeLessThan(emote.end);
    }
  }
}

const NEVER_THROWS_RUNS = 700_000;

describe('properties', () => {
  it(`parse + decode never throw on arbitrary strings (${NEVER_THROWS_RUNS} cheap inputs)`, () => {
    fc.assert(fc.property(fc.oneof(ircish, anyText), counted(parseAndDecode)), { numRuns: NEVER_THROWS_RUNS });
  });

  it('parse + decode never throw on mutated real lines and full-unicode strings', () => {
    fc.assert(fc.property(fc.oneof(mutatedLine, anyUnits), counted(parseAndDecode)), { numRuns: 200_000 });
  });

  it('parse never throws on huge lines', () => {
    fc.assert(
      fc.property(
        knownLines,
        fc.integer({ min: 10_000, max: 300_000 }),
        fc.constantFrom('x', ' ', ';', '\\', '=', '\uD800', ':'),
        counted((line: string, size: number, filler: string) => parseAndDecode(line.replace(' ', filler.repeat(size)))),
      ),
      { numRuns: 50 },
    );
  });

  it('escapeTagValue and unescapeTagValue are inverse', () => {
    fc.assert(fc.property(fc.oneof(anyText, ircish), counted((value: string) => expect(unescapeTagValue(escapeTagValue(value))).toBe(value))), {
      numRuns: 100_000,
    });
  });

  const tagKey = fc.stringMatching(/^\+?([a-z0-9.-]{1,8}\/)?[A-Za-z0-9-]{1,12}$/);
  const tagValue = fc.oneof(fc.constant(null), fc.string({ unit: 'binary' }).map((value) => value.replace(/[\r\n\0]/g, '')));
  const middle = fc.stringMatching(/^[^\s:\0][^\s\0]{0,15}$/).filter((value) => !/[\r\n]/.test(value));
  const trailing = fc.string({ unit: 'binary' }).map((value) => value.replace(/[\r\n\0]/g, ''));
  const messageInit = fc.record({
    tags: fc.dictionary(tagKey, tagValue, { maxKeys: 8 }).map((record) => new Map(Object.entries(record))),
    prefix: fc.option(fc.stringMatching(/^[a-z0-9_]{1,10}(![a-z0-9_]{1,10}@[a-z.]{1,12})?$/), { nil: undefined }),
    command: fc.oneof(fc.stringMatching(/^[A-Z]{1,12}$/), fc.stringMatching(/^[0-9]{3}$/)),
    params: fc.tuple(fc.array(middle, { maxLength: 5 }), fc.option(trailing, { nil: undefined })).map(([middles, last]) =>
      last === undefined ? middles : [...middles, last],
    ),
  });

  it('serialize → parse round-trips', () => {
    fc.assert(
      fc.property(
        messageInit,
        counted((init) => {
          const line = serializeIrcMessage(init);
          const parsed = parseIrcMessage(line);
          if (!parsed.ok) throw new Error(`${parsed.reason}: ${line}`);
          expect(new Map(parsed.tags)).toEqual(init.tags);
          expect(parsed.prefix).toBe(init.prefix);
          expect(parsed.command).toBe(init.command);
          expect(parsed.params).toEqual(init.params);
        }),
      ),
      { numRuns: 30_000 },
    );
  });

  const typedErrors: ReadonlyArray<(error: unknown) => boolean> = [
    (error) => IrcInjectionError.isInstance(error),
    (error) => InvalidIrcMessageError.isInstance(error),
    (error) => InvalidLoginError.isInstance(error),
    (error) => MessageTooLongError.isInstance(error),
    (error) => ChatCommandError.isInstance(error),
  ];
  function singleLineOrTypedError(build: () => string | string[]): void {
    let result: string | string[];
    try {
      result = build();
    } catch (error) {
      expect(typedErrors.some((isInstance) => isInstance(error))).toBe(true);
      return;
    }
    for (const line of Array.isArray(result) ? result : [result]) {
      expect(/[\r\n\0]/.test(line)).toBe(false);
      expect(line.length + 2).toBeLessThanOrEqual(4096);
    }
  }

  it('builders return CR/LF/NUL-free lines or throw a typed error', () => {
    const dangerous = fc.string({ unit: fc.constantFrom('a', ' ', '\r', '\n', '\0', '/', '.', '#', 'A', '😀', '\uD800', 'm', 'e') });
    const text = fc.oneof(dangerous, anyText);
    fc.assert(
      fc.property(
        text,
        text,
        fc.option(text, { nil: undefined }),
        fc.boolean(),
        counted((channel: string, body: string, nonce: string | undefined, action: boolean) => {
          singleLineOrTypedError(() => buildPrivmsg(channel, body, nonce === undefined ? { action } : { clientNonce: nonce, action }));
          singleLineOrTypedError(() => buildJoin([channel, body]));
          singleLineOrTypedError(() => buildPass(body));
          singleLineOrTypedError(() => buildPong(body));
          singleLineOrTypedError(() => buildPing(body));
        }),
      ),
      { numRuns: 20_000 },
    );
  });

  it('the splitter returns the same lines however a stream is cut into frames', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[^\r\n]{1,30}$/), { maxLength: 10 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.boolean(),
        counted((lines: string[], cuts: number[], bareNewline: boolean) => {
          const stream = lines.map((line) => line + (bareNewline ? '\n' : '\r\n')).join('');
          const points = [...new Set(cuts.map((cut) => cut % (stream.length + 1)))].sort((a, b) => a - b);
          const splitter = new IrcLineSplitter();
          const out: unknown[] = [];
          let previous = 0;
          for (const point of [...points, stream.length]) {
            out.push(...splitter.push(stream.slice(previous, point)));
            previous = point;
          }
          expect(out).toEqual(lines);
        }),
      ),
      { numRuns: 10_000 },
    );
  });

  it('ran at least one million generated inputs in total', () => {
    // eslint-disable-next-line no-console
    console.info(`fast-check inputs run: ${totalRuns}`);
    expect(totalRuns).toBeGreaterThanOrEqual(1_000_000);
  });
});
