// tmi.js 1.8.x. It has no typed message layer: its Client turns each line into events inside
// `client.prototype.handleMessage`. The typed level therefore reproduces what that method does before it emits an
// event (lib/client.js, handleMessage: channel/msg/msg-id, parse.badges/badgeInfo/emotes, the tag transform loop
// with utils.unescapeIRC, username from the prefix, utils.actionMessage), calling tmi.js's own exported helpers
// wherever they exist. The event emission itself (logger calls, EventEmitter) is left out, as it is for every peer.

import { require, installedVersion, readEmoteRange } from './shared.js';

/** @type {{msg(line: string): any, badges(tags: any): any, badgeInfo(tags: any): any, emotes(tags: any): any}} */
const parser = require('tmi.js/lib/parser.js');
/** @type {{channel(s: string | null): string, get<T>(a: T | undefined, b: T): T, unescapeIRC(s: string): string, actionMessage(s: string): RegExpMatchArray | null}} */
const utils = require('tmi.js/lib/utils.js');

export const name = 'tmi.js';
export const version = installedVersion('tmi.js');
/** Whether the raw level's tag values are still IRCv3-escaped (no unescaping done by the raw parser). */
export const rawTagsEscaped = true;
/** Whether the typed level uses a Twitch layer of the library itself (false: hand-written decoding in the bench). */
export const twitchLayer = true;
export const functions = {
  raw: "require('tmi.js/lib/parser.js').msg(line)",
  typed:
    'parser.msg(line), then the prelude of client.handleMessage: parser.emotes/badgeInfo/badges, the tag loop ' +
    "with utils.unescapeIRC and '1'/'0' → booleans, utils.channel, prefix.split('!'), utils.actionMessage",
};

/** @param {string} line @param {import('../sink.js').ChecksumSink} sink @returns {boolean} */
export function raw(line, sink) {
  const message = parser.msg(line);
  if (message === null) return false;
  sink.command(message.command);
  const params = message.params;
  for (let i = 0; i < params.length; i++) sink.param(params[i]);
  const tags = message.tags;
  for (const key in tags) {
    const value = tags[key];
    sink.tag(key, typeof value === 'string' ? value : ''); // tmi.js gives `true` for an empty value
  }
  return true;
}

/** @param {string} line @param {import('../sink.js').ChecksumSink} sink @returns {boolean} */
export function typed(line, sink) {
  const message = parser.msg(line);
  if (message === null) return false;
  // --- what handleMessage does for every message before its switch
  const channel = utils.channel(utils.get(message.params[0], null));
  const text = utils.get(message.params[1], null);
  const noticeId = utils.get(message.tags['msg-id'], null);
  const tags = (message.tags = parser.badges(parser.badgeInfo(parser.emotes(message.tags))));
  for (const key in tags) {
    if (key === 'emote-sets' || key === 'ban-duration' || key === 'bits') continue;
    const value = tags[key];
    if (typeof value === 'boolean') tags[key] = null;
    else if (value === '1') tags[key] = true;
    else if (value === '0') tags[key] = false;
    else if (typeof value === 'string') tags[key] = utils.unescapeIRC(value);
  }
  // --- what the handler of each command reads
  const command = message.command;
  sink.kind(command);
  switch (command) {
    case 'PRIVMSG': {
      sink.channel(channel);
      sink.field('login', message.prefix.split('!')[0]);
      const action = utils.actionMessage(text);
      sink.field('text', action ? action[1] : text);
      sink.field('isAction', action !== null);
      sink.field('displayName', tags['display-name']);
      sink.field('messageId', tags.id);
      const badges = tags.badges;
      if (badges) for (const badge in badges) sink.badge(badge, badges[badge] ?? '');
      const emotes = tags.emotes;
      if (emotes) {
        for (const id in emotes) {
          const ranges = emotes[id];
          for (let i = 0; i < ranges.length; i++) readEmoteRange(id, ranges[i], sink);
        }
      }
      break;
    }
    case 'USERNOTICE':
      sink.channel(channel);
      sink.field('noticeId', noticeId);
      sink.field('login', tags.login);
      sink.field('systemMessage', tags['system-msg'] ?? '');
      sink.field('text', text);
      break;
    case 'CLEARCHAT': {
      sink.channel(channel);
      sink.field('target', text);
      const duration = utils.get(tags['ban-duration'], null);
      sink.field('banDuration', duration === null ? null : ~~duration);
      break;
    }
    case 'CLEARMSG':
      sink.channel(channel);
      sink.field('login', tags.login);
      sink.field('targetMessageId', tags['target-msg-id']);
      break;
    case 'ROOMSTATE':
      sink.channel(channel);
      sink.field('roomId', tags['room-id']);
      break;
    case 'USERSTATE':
      sink.channel(channel);
      sink.field('displayName', tags['display-name']);
      break;
    case 'JOIN':
    case 'PART':
      sink.channel(channel);
      sink.field('login', message.prefix.split('!')[0]);
      break;
    case 'NOTICE':
      sink.channel(channel);
      sink.field('noticeId', noticeId);
      sink.field('text', text);
      break;
    case 'PING':
      sink.field('text', message.params[0]);
      break;
  }
  return true;
}
