// irc-message 3.x: a generic IRC parser with no Twitch layer and no tag unescaping. The typed level does the
// Twitch work a user of it must write by hand, with the bench's generic helpers (shared.js: unescapeTagValue,
// readBadges, readEmotes, actionBody, nickOf), the same helpers charged to any library that lacks the step.

import { require, installedVersion, unescapeTagValue, readBadges, readEmotes, actionBody, nickOf } from './shared.js';

/** @type {{parse(line: string): any}} */
const ircMessage = require('irc-message');

export const name = 'irc-message';
export const version = installedVersion('irc-message');
/** Whether the raw level's tag values are still IRCv3-escaped (no unescaping done by the raw parser). */
export const rawTagsEscaped = true;
/** Whether the typed level uses a Twitch layer of the library itself (false: hand-written decoding in the bench). */
export const twitchLayer = false;
export const functions = {
  raw: "require('irc-message').parse(line)",
  typed: 'parse(line), then hand-written Twitch decoding with the bench helpers (no Twitch layer exists)',
};

/** @param {unknown} value @returns {string} */
function text(value) {
  return typeof value === 'string' ? value : ''; // irc-message gives `true` for an empty value
}

/** @param {string} line @param {import('../sink.js').ChecksumSink} sink @returns {boolean} */
export function raw(line, sink) {
  const message = ircMessage.parse(line);
  if (message === null) return false;
  sink.command(message.command);
  const params = message.params;
  for (let i = 0; i < params.length; i++) sink.param(params[i]);
  const tags = message.tags;
  for (const key in tags) sink.tag(key, text(tags[key]));
  return true;
}

/** @param {string} line @param {import('../sink.js').ChecksumSink} sink @returns {boolean} */
export function typed(line, sink) {
  const message = ircMessage.parse(line);
  if (message === null) return false;
  const command = message.command;
  const params = message.params;
  const tags = message.tags;
  sink.kind(command);
  switch (command) {
    case 'PRIVMSG': {
      sink.channel(params[0]);
      sink.field('login', nickOf(message.prefix));
      const body = actionBody(params[1]);
      sink.field('text', body ?? params[1]);
      sink.field('isAction', body !== null);
      sink.field('displayName', unescapeTagValue(text(tags['display-name'])));
      sink.field('messageId', tags.id);
      readBadges(text(tags.badges), sink);
      readEmotes(text(tags.emotes), sink);
      break;
    }
    case 'USERNOTICE':
      sink.channel(params[0]);
      sink.field('noticeId', tags['msg-id']);
      sink.field('login', tags.login);
      sink.field('systemMessage', unescapeTagValue(text(tags['system-msg'])));
      sink.field('text', params[1] ?? null);
      break;
    case 'CLEARCHAT': {
      sink.channel(params[0]);
      sink.field('target', params[1] ?? null);
      const duration = tags['ban-duration'];
      sink.field('banDuration', duration === undefined ? null : Number(duration));
      break;
    }
    case 'CLEARMSG':
      sink.channel(params[0]);
      sink.field('login', tags.login);
      sink.field('targetMessageId', tags['target-msg-id']);
      break;
    case 'ROOMSTATE':
      sink.channel(params[0]);
      sink.field('roomId', tags['room-id']);
      break;
    case 'USERSTATE':
      sink.channel(params[0]);
      sink.field('displayName', unescapeTagValue(text(tags['display-name'])));
      break;
    case 'JOIN':
    case 'PART':
      sink.channel(params[0]);
      sink.field('login', nickOf(message.prefix));
      break;
    case 'NOTICE':
      sink.channel(params[0]);
      sink.field('noticeId', tags['msg-id']);
      sink.field('text', params[1]);
      break;
    case 'PING':
      sink.field('text', params[0]);
      break;
  }
  return true;
}
