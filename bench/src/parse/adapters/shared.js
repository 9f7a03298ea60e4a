// Generic helpers for the work a library leaves to its user. They are used by every adapter whose library does
// not offer the step itself (irc-message for everything Twitch-specific; tmi.js, twurple and irc-message for turning
// an emote range "start-end" into numbers), so the same code is charged to each of them.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export const require = createRequire(import.meta.url);

/** @param {string} packageName @returns {string} the installed version of a dependency of @tio/bench */
export function installedVersion(packageName, from = require) {
  let directory = dirname(from.resolve(packageName));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8'));
      if (manifest.name === packageName) return manifest.version;
    } catch {
      // keep walking up
    }
    const parent = dirname(directory);
    if (parent === directory) return 'unknown';
    directory = parent;
  }
}

/**
 * Unescapes an IRCv3 tag value (twitch-protocol.md §3.1): `\:` → `;`, `\s` → space, `\\` → `\`, `\r`, `\n`,
 * backslash + other → that character, lone trailing backslash dropped.
 * @param {string} value @returns {string}
 */
export function unescapeTagValue(value) {
  let index = value.indexOf('\\');
  if (index === -1) return value;
  let out = value.slice(0, index);
  while (index < value.length) {
    const code = value.charCodeAt(index);
    if (code !== 92) {
      const next = value.indexOf('\\', index);
      const end = next === -1 ? value.length : next;
      out += value.slice(index, end);
      index = end;
      continue;
    }
    const escaped = value[index + 1];
    if (escaped === 's') out += ' ';
    else if (escaped === ':') out += ';';
    else if (escaped === '\\') out += '\\';
    else if (escaped === 'n') out += '\n';
    else if (escaped === 'r') out += '\r';
    else if (escaped !== undefined) out += escaped;
    index += 2;
  }
  return out;
}

/** @param {string} range - "start-end" @param {string} id @param {import('../sink.js').ChecksumSink} sink */
export function readEmoteRange(id, range, sink) {
  const dash = range.indexOf('-');
  sink.emote(id, Number(range.slice(0, dash)), Number(range.slice(dash + 1)));
}

/** Reads a raw `badges` value `name/version,name/version` (split on the first `/`, §3.3). */
export function readBadges(value, sink) {
  if (value === '') return;
  let start = 0;
  while (start < value.length) {
    let end = value.indexOf(',', start);
    if (end === -1) end = value.length;
    const slash = value.indexOf('/', start);
    if (slash === -1 || slash > end) sink.badge(value.slice(start, end), '');
    else sink.badge(value.slice(start, slash), value.slice(slash + 1, end));
    start = end + 1;
  }
}

/** Reads a raw `emotes` value `id:s-e,s-e/id:s-e` (§3.3). */
export function readEmotes(value, sink) {
  if (value === '') return;
  for (const group of value.split('/')) {
    const colon = group.indexOf(':');
    if (colon === -1) continue;
    const id = group.slice(0, colon);
    for (const range of group.slice(colon + 1).split(',')) readEmoteRange(id, range, sink);
  }
}

/** @param {string} text @returns {string | null} the body of a `\x01ACTION body\x01` text, or null (§3.2) */
export function actionBody(text) {
  if (text.length >= 9 && text.charCodeAt(0) === 1 && text.startsWith('ACTION ', 1) && text.charCodeAt(text.length - 1) === 1) {
    return text.slice(8, -1);
  }
  return null;
}

/** @param {string | null | undefined} prefix - `nick!user@host` @returns {string} the nick */
export function nickOf(prefix) {
  if (!prefix) return '';
  const bang = prefix.indexOf('!');
  return bang === -1 ? prefix : prefix.slice(0, bang);
}
