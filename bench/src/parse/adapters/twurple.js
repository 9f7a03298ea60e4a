// @twurple/chat 8.x. Its public `parseTwitchMessage` builds the typed class of each command (ChatMessage,
// UserNotice, ClearChat, ...) on top of the `ircv3` package's `parseMessage`. The raw level calls that
// `parseMessage` directly — the same copy of `ircv3` that @twurple/chat imports, found through @twurple/chat's
// own resolution — with an empty command map, so it builds the generic `Message` and no typed class.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseTwitchMessage } from '@twurple/chat';
import { require, installedVersion, readEmoteRange } from './shared.js';

const twurpleRequire = createRequire(require.resolve('@twurple/chat'));
const ircv3Entry = twurpleRequire.resolve('ircv3'); // <ircv3>/lib/index.js (CommonJS condition)
const ircv3Root = dirname(dirname(ircv3Entry));
/** The ESM build, which is what @twurple/chat (an ES module) itself loads. */
const ircv3 = await import(pathToFileURL(join(ircv3Root, 'es', 'index.mjs')).href);
const { parseMessage, decodeCtcp } = ircv3;

/** No typed classes at the raw level: every command becomes ircv3's generic `Message`. */
const NO_TYPED_COMMANDS = new Map();

export const name = '@twurple/chat';
export const version = installedVersion('@twurple/chat');
/** Whether the raw level's tag values are still IRCv3-escaped (no unescaping done by the raw parser). */
export const rawTagsEscaped = false;
/** Whether the typed level uses a Twitch layer of the library itself (false: hand-written decoding in the bench). */
export const twitchLayer = true;
export const functions = {
  raw: `ircv3 ${installedVersion('ircv3', twurpleRequire)} parseMessage(line, undefined, new Map(), true) (the parser under parseTwitchMessage)`,
  typed:
    "parseTwitchMessage(line) from '@twurple/chat'; ircv3 decodeCtcp for /me (as ChatClient does); " +
    'msg.userInfo (ChatUser) for display name and badges; msg.emoteOffsets',
};

/** @param {string} line @param {import('../sink.js').ChecksumSink} sink @returns {boolean} */
export function raw(line, sink) {
  const message = parseMessage(line, undefined, NO_TYPED_COMMANDS, true);
  sink.command(message.command);
  const params = message.rawParamValues;
  for (let i = 0; i < params.length; i++) sink.param(params[i]);
  for (const [key, value] of message.tags) sink.tag(key, value);
  return true;
}

/** @param {string} line @param {import('../sink.js').ChecksumSink} sink @returns {boolean} */
export function typed(line, sink) {
  const message = parseTwitchMessage(line);
  const command = message.command;
  sink.kind(command);
  switch (command) {
    case 'PRIVMSG': {
      sink.channel(message.target);
      sink.field('login', message.prefix.nick);
      const ctcp = decodeCtcp(message.text);
      const isAction = ctcp !== false && ctcp.command === 'ACTION';
      sink.field('text', isAction ? ctcp.params : message.text);
      sink.field('isAction', isAction);
      const user = message.userInfo;
      sink.field('displayName', user.displayName);
      sink.field('messageId', message.id);
      for (const [badge, badgeVersion] of user.badges) sink.badge(badge, badgeVersion);
      for (const [id, ranges] of message.emoteOffsets) {
        for (let i = 0; i < ranges.length; i++) readEmoteRange(id, ranges[i], sink);
      }
      break;
    }
    case 'USERNOTICE': {
      const tags = message.tags;
      sink.channel(message.channel);
      sink.field('noticeId', tags.get('msg-id'));
      sink.field('login', tags.get('login'));
      sink.field('systemMessage', tags.get('system-msg') ?? '');
      sink.field('text', message.text ?? null);
      break;
    }
    case 'CLEARCHAT': {
      sink.channel(message.channel);
      sink.field('target', message.user ?? null);
      const duration = message.tags.get('ban-duration');
      sink.field('banDuration', duration === undefined ? null : Number(duration));
      break;
    }
    case 'CLEARMSG':
      sink.channel(message.channel);
      sink.field('login', message.userName);
      sink.field('targetMessageId', message.targetMessageId);
      break;
    case 'ROOMSTATE':
      sink.channel(message.channel);
      sink.field('roomId', message.tags.get('room-id'));
      break;
    case 'USERSTATE':
      sink.channel(message.channel);
      sink.field('displayName', message.tags.get('display-name'));
      break;
    case 'JOIN':
    case 'PART':
      sink.channel(message.channel);
      sink.field('login', message.prefix.nick);
      break;
    case 'NOTICE':
      sink.channel(message.target);
      sink.field('noticeId', message.tags.get('msg-id'));
      sink.field('text', message.text);
      break;
    case 'PING':
      sink.field('text', message.text);
      break;
  }
  return true;
}
