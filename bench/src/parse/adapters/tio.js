// tio (@tio/irc-ws, built from this repository's working tree by run.js). Raw level: `parseIrcMessage(line)`, which
// returns an IrcMessage (`ok: true`, tags as a ReadonlyMap of unescaped values) or an IrcParseFailure (`ok: false`), never
// throwing. Typed level: `decodeTwitchMessage(parseIrcMessage(line))`, a union discriminated by `type`. Tags are
// iterated with `for…of`, the idiomatic way for a ReadonlyMap (as for twurple's Map).
//
// Emote positions: tio gives UTF-16 `[start, end)` (ready for `text.slice`), the peers give Twitch's code-point
// inclusive ranges; each adapter passes its library's own numbers, and check.js converts before comparing.

import { installedVersion } from './shared.js';

let irc;
let loadError;
try {
  irc = await import('@tio/irc-ws');
} catch (error) {
  loadError = `@tio/irc-ws cannot be imported (${String(error).slice(0, 120)}); build it first`;
}

const parseIrcMessage = irc?.parseIrcMessage;
const decodeTwitchMessage = irc?.decodeTwitchMessage;

export const name = 'tio';
export const version = (() => {
  try {
    return installedVersion('@tio/irc-ws');
  } catch {
    return 'unbuilt';
  }
})();
/** Whether the raw level's tag values are still IRCv3-escaped (no unescaping done by the raw parser). */
export const rawTagsEscaped = false;
/** How this library counts emote positions (check.js converts them to Twitch's code-point inclusive ranges). */
export const emotePositions = 'utf16-exclusive';
/** Whether the typed level uses a Twitch layer of the library itself (false: hand-written decoding in the bench). */
export const twitchLayer = true;
export const functions = {
  raw: "parseIrcMessage(line) from '@tio/irc-ws'",
  typed: "decodeTwitchMessage(parseIrcMessage(line)) from '@tio/irc-ws'",
};

/** Why a level cannot be measured yet, per level; absent when it can. */
export const unavailableLevels = {};
if (typeof parseIrcMessage !== 'function') {
  unavailableLevels.raw = loadError ?? '@tio/irc-ws does not export parseIrcMessage yet';
}
if (typeof parseIrcMessage !== 'function' || typeof decodeTwitchMessage !== 'function') {
  unavailableLevels.typed = loadError ?? '@tio/irc-ws does not export decodeTwitchMessage yet';
}

/** @param {string} line @param {import('../sink.js').ChecksumSink} sink @returns {boolean} */
export function raw(line, sink) {
  const message = parseIrcMessage(line);
  if (!message.ok) return false;
  sink.command(message.command);
  const params = message.params;
  for (let i = 0; i < params.length; i++) sink.param(params[i]);
  for (const [key, value] of message.tags) sink.tag(key, value ?? ''); // `null` for a tag without `=`
  return true;
}

/** @param {string} line @param {import('../sink.js').ChecksumSink} sink @returns {boolean} */
export function typed(line, sink) {
  const parsed = parseIrcMessage(line);
  if (!parsed.ok) return false;
  const message = decodeTwitchMessage(parsed);
  const type = message.type;
  sink.kind(type);
  switch (type) {
    case 'privmsg': {
      sink.channel(message.channel);
      sink.field('login', message.userLogin);
      sink.field('text', message.text);
      sink.field('isAction', message.isAction);
      sink.field('displayName', message.displayName);
      sink.field('messageId', message.id);
      for (const [badge, badgeVersion] of message.badges) sink.badge(badge, badgeVersion);
      const emotes = message.emotes;
      for (let i = 0; i < emotes.length; i++) {
        const emote = emotes[i];
        sink.emote(emote.id, emote.start, emote.end);
      }
      break;
    }
    case 'usernotice':
      sink.channel(message.channel);
      sink.field('noticeId', message.msgId);
      sink.field('login', message.userLogin);
      sink.field('systemMessage', message.systemMessage);
      sink.field('text', message.text ?? null);
      break;
    case 'clearchat':
      sink.channel(message.channel);
      sink.field('target', message.kind === 'clear' ? null : message.targetUserLogin);
      sink.field('banDuration', message.kind === 'timeout' ? message.durationSeconds : null);
      break;
    case 'clearmsg':
      sink.channel(message.channel);
      sink.field('login', message.targetUserLogin);
      sink.field('targetMessageId', message.targetMessageId);
      break;
    case 'roomstate':
      sink.channel(message.channel);
      sink.field('roomId', message.channelId);
      break;
    case 'userstate':
      sink.channel(message.channel);
      sink.field('displayName', message.displayName);
      break;
    case 'join':
    case 'part':
      sink.channel(message.channel);
      sink.field('login', message.userLogin);
      break;
    case 'notice':
      sink.channel(message.channel ?? '');
      sink.field('noticeId', message.noticeId);
      sink.field('text', message.text);
      break;
    case 'ping':
      sink.field('text', message.argument);
      break;
  }
  return true;
}
