import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InvalidMessageError, MAX_MESSAGE_LENGTH, SendError, validateMessageText } from '../../src/index.js';
import { createTestClient, settle } from '../support/testClient.js';

function problem(text: unknown, options?: { action?: boolean }): string | undefined {
  try {
    validateMessageText(text as string, options);
    return undefined;
  } catch (error) {
    return InvalidMessageError.isInstance(error) ? error.problem : 'other';
  }
}

describe('validateMessageText', () => {
  it('accepts normal text up to 500 code points, astral characters counted once', () => {
    expect(validateMessageText('hello')).toBe('hello');
    expect(problem('a'.repeat(MAX_MESSAGE_LENGTH))).toBeUndefined();
    expect(problem('😀'.repeat(MAX_MESSAGE_LENGTH))).toBeUndefined(); // 1000 UTF-16 units, 500 code points
  });

  it('rejects CR, LF, NUL, blank, too long and non-strings with the right problem', () => {
    expect(problem('a\rb')).toBe('forbiddenCharacter');
    expect(problem('a\nb')).toBe('forbiddenCharacter');
    expect(problem('a\0b')).toBe('forbiddenCharacter');
    expect(problem('   ')).toBe('empty');
    expect(problem('')).toBe('empty');
    expect(problem('😀'.repeat(MAX_MESSAGE_LENGTH + 1))).toBe('tooLong');
    expect(problem(42)).toBe('notString');
  });

  it('states the limit and the length seen', () => {
    expect(() => validateMessageText('x'.repeat(501))).toThrow(/501 code points long and Twitch allows at most 500/);
  });

  it('refuses chat commands other than /me, with a typed error that says why (§0 item 1, §5 item 16)', () => {
    for (const text of ['/ban someone', '.timeout someone 10', '  /mod x', '\t.vip x', '/me', '/ME waves', ' /me waves', '/mods']) {
      expect(problem(text), text).toBe('chatCommand');
    }
    for (const text of ['/me waves', '...', '/ hi', '. hi', '.5 seconds', ':) /ban', 'hi /ban', '/', '/1']) {
      expect(problem(text), text).toBeUndefined();
    }
    // Inside a /me action (\x01ACTION …\x01) Twitch never reads the text as a command.
    expect(problem('/ban someone', { action: true })).toBeUndefined();
    let error: unknown;
    try {
      validateMessageText('/ban someone');
    } catch (caught) {
      error = caught;
    }
    expect(InvalidMessageError.isInstance(error) && error.command).toBe('/ban');
    expect((error as Error).message).toContain('Twitch IRC runs no chat commands except /me; moderation goes through the Helix API');
  });

  describe('in Client.send', () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('makes client.send refuse a chat command at once, as InvalidMessageError, never a late SendError', async () => {
      const { client, twitch } = createTestClient();
      await settle(client.start());
      const outcome = await settle(client.send('chan', '/ban someone').then(() => 'sent', (error: unknown) => error));
      expect(SendError.isInstance(outcome)).toBe(false);
      expect(InvalidMessageError.isInstance(outcome) && outcome.problem).toBe('chatCommand');
      expect(twitch.sent).toEqual([]);
      await client.stop();
    });
  });

  it('matches the rule for any string (property)', () => {
    const command = (text: string): boolean => {
      const match = /^[ \t]*([/.][a-zA-Z][^ ]*)/.exec(text);
      return match !== null && !(match.index === 0 && match[1] === '/me' && text.startsWith('/me ') && text.length > 3);
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 600 }),
          fc.tuple(fc.constantFrom('/', '.', ' /', '/me', '/me ', '.me '), fc.string({ maxLength: 20 })).map(([head, tail]) => head + tail),
        ),
        (text) => {
          const expected = /[\r\n\0]/.test(text)
            ? 'forbiddenCharacter'
            : text.trim() === ''
              ? 'empty'
              : [...text].length > 500
                ? 'tooLong'
                : command(text)
                  ? 'chatCommand'
                  : undefined;
          expect(problem(text)).toBe(expected);
        },
      ),
    );
  });
});
