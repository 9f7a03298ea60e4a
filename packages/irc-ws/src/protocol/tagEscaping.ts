/**
 * Reverses IRCv3 tag-value escaping: `\:` → `;`, `\s` → space, `\\` → `\`, `\r` → CR, `\n` → LF; a backslash
 * before any other character is dropped, and a lone trailing backslash is dropped (protocol reference §3.1).
 *
 * @param value - An escaped tag value as it appears on the wire.
 * @returns The value with escapes resolved. Returns `value` itself when it holds no backslash.
 * @example
 * ```ts
 * unescapeTagValue('Iamme420\\s'); // 'Iamme420 '
 * ```
 */
export function unescapeTagValue(value: string): string {
  let index = value.indexOf('\\');
  if (index === -1) return value;
  let result = '';
  let copiedUpTo = 0;
  const length = value.length;
  while (index !== -1) {
    result += value.slice(copiedUpTo, index);
    if (index + 1 >= length) {
      copiedUpTo = length;
      break;
    }
    switch (value.charCodeAt(index + 1)) {
      case 0x3a /* : */:
        result += ';';
        break;
      case 0x73 /* s */:
        result += ' ';
        break;
      case 0x5c /* \ */:
        result += '\\';
        break;
      case 0x72 /* r */:
        result += '\r';
        break;
      case 0x6e /* n */:
        result += '\n';
        break;
      default:
        // Unknown escape: keep the character, drop the backslash. A surrogate half is copied as one code unit and
        // rejoins its partner from the next slice.
        result += value[index + 1];
    }
    copiedUpTo = index + 2;
    index = value.indexOf('\\', copiedUpTo);
  }
  return copiedUpTo < length ? result + value.slice(copiedUpTo) : result;
}

const NEEDS_ESCAPE = /[\\; \r\n]/;
const ESCAPE_ALL = /[\\; \r\n]/g;

function escapeCharacter(character: string): string {
  switch (character) {
    case '\\':
      return '\\\\';
    case ';':
      return '\\:';
    case ' ':
      return '\\s';
    case '\r':
      return '\\r';
    default:
      return '\\n';
  }
}

/**
 * Escapes a tag value for the wire: `;` → `\:`, space → `\s`, `\` → `\\`, CR → `\r`, LF → `\n`. The exact inverse
 * of {@link unescapeTagValue}: `unescapeTagValue(escapeTagValue(value)) === value` for every string.
 *
 * @param value - Any string.
 * @returns The escaped value, `value` itself when nothing needs escaping.
 * @example
 * ```ts
 * escapeTagValue('hello there; ok'); // 'hello\\sthere\\:\\sok'
 * ```
 */
export function escapeTagValue(value: string): string {
  return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPE_ALL, escapeCharacter) : value;
}
