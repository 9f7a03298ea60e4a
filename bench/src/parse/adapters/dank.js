// dank-twitch-irc 4.x exports both levels: `parseIRCMessage` (an IRCMessage with eagerly unescaped tags) and
// `parseTwitchMessage` (a class per command with every field parsed eagerly in the constructor, e.g. PrivmsgMessage
// builds its badges, emotes with code-point slicing, flags, colour and timestamp).

import { require, installedVersion } from './shared.js';

/** @type {{parseIRCMessage(line: string): any, parseTwitchMessage(line: string): any}} */
const dank = require('dank-twitch-irc');

export const name = 'dank-twitch-irc';
export const version = installedVersion('dank-twitch-irc');
/** Whether the raw level's tag values are still IRCv3-escaped (no unescaping done by the raw parser). */
export const rawTagsEscaped = false;
/** Whether the typed level uses a Twitch layer of the library itself (false: hand-written decoding in the bench). */
export const twitchLayer = true;
export const functions = {
  raw: "require('dank-twitch-irc').parseIRCMessage(line)",
  typed: "require('dank-twitch-irc').parseTwitchMessage(line)",
};

/** @param {string} line @param {import('../sink.js').ChecksumSink} sink @returns {boolean} */
export function raw(line, sink) {
  const message = dank.parseIRCMessage(line);
  sink.command(message.ircCommand);
  const params = message.ircParameters;
  for (let i = 0; i < params.length; i++) sink.param(params[i]);
  const tags = message.ircTags;
  for (const key in tags) sink.tag(key, tags[key] ?? ''); // `null` for a tag without `=`
  return true;
}

/** @param {string} line @param {import('../sink.js').ChecksumSink} sink @returns {boolean} */
export function typed(line, sink) {
  const message = dank.parseTwitchMessage(line);
  const command = message.ircCommand;
  sink.kind(command);
  switch (command) {
    case 'PRIVMSG': {
      sink.channel(message.channelName);
      sink.field('login', message.senderUsername);
      sink.field('text', message.messageText);
      sink.field('isAction', message.isAction);
      sink.field('displayName', message.displayName);
      sink.field('messageId', message.messageID);
      const badges = message.badges;
      for (let i = 0; i < badges.length; i++) sink.badge(badges[i].name, badges[i].version);
      const emotes = message.emotes;
      for (let i = 0; i < emotes.length; i++) {
        const emote = emotes[i];
        sink.emote(emote.id, emote.startIndex, emote.endIndex - 1); // dank's end is exclusive
      }
      break;
    }
    case 'USERNOTICE':
      sink.channel(message.channelName);
      sink.field('noticeId', message.messageTypeID);
      sink.field('login', message.senderUsername);
      sink.field('systemMessage', message.systemMessage);
      sink.field('text', message.messageText ?? null);
      break;
    case 'CLEARCHAT':
      sink.channel(message.channelName);
      sink.field('target', message.targetUsername ?? null);
      sink.field('banDuration', message.banDuration ?? null);
      break;
    case 'CLEARMSG':
      sink.channel(message.channelName);
      sink.field('login', message.targetUsername);
      sink.field('targetMessageId', message.targetMessageID);
      break;
    case 'ROOMSTATE':
      sink.channel(message.channelName);
      sink.field('roomId', message.channelID);
      break;
    case 'USERSTATE':
      sink.channel(message.channelName);
      sink.field('displayName', message.displayName);
      break;
    case 'JOIN':
      sink.channel(message.channelName);
      sink.field('login', message.joinedUsername);
      break;
    case 'PART':
      sink.channel(message.channelName);
      sink.field('login', message.partedUsername);
      break;
    case 'NOTICE':
      sink.channel(message.channelName);
      sink.field('noticeId', message.messageID);
      sink.field('text', message.messageText);
      break;
    case 'PING':
      // PingMessage.argument reads parameter 1; a server PING has its text in parameter 0
      sink.field('text', message.ircParameters[0]);
      break;
  }
  return true;
}
