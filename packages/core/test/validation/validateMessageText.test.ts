import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidMessageError, MAX_MESSAGE_LENGTH, validateMessageText } from '../../src/index.js';

function problem(text: unknown): string | undefined {
  try {
    validateMessageText(text as string);
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

  it('matches the rule for any string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 600 }), (text) => {
        const expected = /[\r\n\0]/.test(text)
          ? 'forbiddenCharacter'
          : text.trim() === ''
            ? 'empty'
            : [...text].length > 500
              ? 'tooLong'
              : undefined;
        expect(problem(text)).toBe(expected);
      }),
    );
  });
});
