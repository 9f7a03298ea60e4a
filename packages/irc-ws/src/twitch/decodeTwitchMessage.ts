import type {
  AuthFailureKind,
  ServerInfoNumeric,
  TwitchMessage,
  UnknownMessage,
  UserNoticeKind,
  UserNoticeMessage,
} from '@tio/core';
import type { IrcMessage } from '../protocol/IrcMessage.js';
import type { parseIrcMessage } from '../protocol/parseIrcMessage.js';
import {
  DecodedAnnouncementNotice,
  DecodedBitsBadgeTierNotice,
  DecodedCharityDonationNotice,
  DecodedCommunityGiftNotice,
  DecodedExtendSubNotice,
  DecodedGiftPaidUpgradeNotice,
  DecodedMidnightSquidNotice,
  DecodedModiversaryNotice,
  DecodedPayForwardNotice,
  DecodedPrimeCommunityGiftNotice,
  DecodedPrimePaidUpgradeNotice,
  DecodedPrivmsg,
  DecodedRaidNotice,
  DecodedRewardGiftNotice,
  DecodedRitualNotice,
  DecodedSharedChatNotice,
  DecodedSubGiftNotice,
  DecodedSubscriptionNotice,
  DecodedUserNotice,
  DecodedViewerMilestoneNotice,
  DecodedWhisper,
} from './DecodedMessages.js';
import { parseBadges, parseInteger, tagInteger, tagOptional, tagOptionalFlag, tagString } from './tagValues.js';

/**
 * A decoded message together with the IRC line it came from, as returned by {@link decodeTwitchMessage}. Narrowing
 * on `type` (and `kind` for USERNOTICE) works as on {@link @tio/core!TwitchMessage}.
 */
export type DecodedTwitchMessage = TwitchMessage & {
  /** The parsed IRC line, for tags or parameters the typed fields do not cover. */
  readonly ircMessage: IrcMessage;
};

type Decoded<T> = T & { readonly ircMessage: IrcMessage };

function channelOf(param: string | undefined): string | undefined {
  if (param === undefined || param === '') return undefined;
  const channel = param.charCodeAt(0) === 0x23 /* # */ ? param.slice(1) : param;
  return channel === '' ? undefined : channel;
}

function unknown(message: IrcMessage, reason: UnknownMessage['reason']): Decoded<UnknownMessage> {
  return { type: 'unknown', reason, command: message.command, params: message.params, raw: message.raw, ircMessage: message };
}

function userNotice(message: IrcMessage, channel: string): DecodedUserNotice {
  const msgId = message.tags.get('msg-id') ?? '';
  switch (msgId) {
    case 'sub':
    case 'resub':
      return new DecodedSubscriptionNotice(message, channel, msgId, msgId);
    case 'subgift':
    case 'anonsubgift':
      return new DecodedSubGiftNotice(message, channel, msgId, msgId);
    case 'submysterygift':
    case 'anonsubmysterygift':
      return new DecodedCommunityGiftNotice(message, channel, msgId, msgId);
    case 'giftpaidupgrade':
    case 'anongiftpaidupgrade':
      return new DecodedGiftPaidUpgradeNotice(message, channel, msgId, msgId);
    case 'primepaidupgrade':
      return new DecodedPrimePaidUpgradeNotice(message, channel, msgId, msgId);
    case 'standardpayforward':
    case 'communitypayforward':
      return new DecodedPayForwardNotice(message, channel, msgId, msgId);
    case 'primecommunitygiftreceived':
      return new DecodedPrimeCommunityGiftNotice(message, channel, msgId, msgId);
    case 'extendsub':
      return new DecodedExtendSubNotice(message, channel, msgId, msgId);
    case 'rewardgift':
      return new DecodedRewardGiftNotice(message, channel, msgId, msgId);
    case 'raid':
      return new DecodedRaidNotice(message, channel, msgId, msgId);
    case 'bitsbadgetier':
      return new DecodedBitsBadgeTierNotice(message, channel, msgId, msgId);
    case 'modiversary':
      return new DecodedModiversaryNotice(message, channel, msgId, msgId);
    case 'viewermilestone':
      return new DecodedViewerMilestoneNotice(message, channel, msgId, msgId);
    case 'announcement':
      return new DecodedAnnouncementNotice(message, channel, msgId, msgId);
    case 'sharedchatnotice':
      return new DecodedSharedChatNotice(message, channel, msgId, msgId);
    case 'charitydonation':
      return new DecodedCharityDonationNotice(message, channel, msgId, msgId);
    case 'midnightsquid':
      return new DecodedMidnightSquidNotice(message, channel, msgId, msgId);
    case 'ritual':
      return new DecodedRitualNotice(message, channel, msgId, msgId);
    case 'unraid':
      return new DecodedUserNotice(message, channel, msgId, msgId);
    default:
      return new DecodedUserNotice(message, channel, 'unknown' satisfies UserNoticeKind, msgId);
  }
}

// Login-failure texts of NOTICEs without msg-id (protocol reference §1.5), lower-cased: compared case-insensitively
// because twurple checks "Improperly formatted AUTH".
const AUTH_FAILURES: ReadonlyMap<string, AuthFailureKind> = new Map([
  ['login authentication failed', 'authenticationFailed'],
  ['improperly formatted auth', 'improperlyFormattedAuth'],
  ['login unsuccessful', 'loginUnsuccessful'],
  ['error logging in', 'loginUnsuccessful'],
  ['invalid nick', 'invalidNick'],
]);

function emoteSets(value: string | null | undefined): readonly string[] {
  return value === undefined || value === null || value === '' ? [] : value.split(',');
}

function words(value: string | undefined): string[] {
  return value === undefined ? [] : value.split(' ').filter((word) => word !== '');
}

function isServerInfo(command: string): command is ServerInfoNumeric {
  switch (command) {
    case '001':
    case '002':
    case '003':
    case '004':
    case '372':
    case '375':
    case '376':
      return true;
    default:
      return false;
  }
}

/**
 * Gives a parsed IRC line its Twitch meaning: a typed message for every command Twitch sends (PRIVMSG with badges,
 * emotes, replies, Shared Chat and Hype Chat; every USERNOTICE kind with typed `msg-param-*`; CLEARCHAT, CLEARMSG,
 * ROOMSTATE, USERSTATE, GLOBALUSERSTATE, NOTICE, WHISPER, JOIN, PART, RECONNECT, PING, PONG, CAP, the login numerics,
 * 353, 366, 421 and HOSTTARGET).
 *
 * It never throws. The rule for broken input, the same for every command:
 * - a line whose **structure** is broken (a PRIVMSG without a channel or text, a JOIN without a nick, …) decodes to
 *   `{ type: 'unknown', reason: 'malformed' }`, and an unknown command to `{ type: 'unknown', reason: 'unsupported' }`;
 * - a broken **field** never rejects the line: numbers are `undefined` when missing or not decimal, flags `false`,
 *   identity strings `""` (see {@link @tio/core!BaseTwitchMessage}).
 *
 * PRIVMSG, USERNOTICE and WHISPER are returned as objects that read their tags on first access (badges and emotes are
 * parsed once, then cached), so decoding costs almost nothing until a field is read. Emote positions are UTF-16
 * `[start, end)` ranges: `text.slice(start, end)` is the emote, even after emoji.
 *
 * @param message - A message returned by {@link parseIrcMessage} (with `ok: true`).
 * @returns The decoded message, which also carries the `ircMessage` it came from.
 * @example
 * ```ts
 * const parsed = parseIrcMessage(line);
 * if (parsed.ok) {
 *   const message = decodeTwitchMessage(parsed);
 *   if (message.type === 'privmsg') console.log(`${message.displayName}: ${message.text}`);
 * }
 * ```
 */
export function decodeTwitchMessage(message: IrcMessage): DecodedTwitchMessage {
  try {
    return decode(message);
  } catch {
    // Unreachable for parser output; kept so a hand-built or mutated IrcMessage can never make decoding throw.
    return unknown(message, 'malformed');
  }
}

function decode(message: IrcMessage): DecodedTwitchMessage {
  const { command, params, tags, raw } = message;
  switch (command) {
    case 'PRIVMSG': {
      const channel = channelOf(params[0]);
      const text = params[1];
      const nick = message.nick;
      if (channel === undefined || text === undefined || nick === undefined || nick === '') {
        return unknown(message, 'malformed');
      }
      return new DecodedPrivmsg(message, channel, nick, text) as unknown as DecodedTwitchMessage;
    }
    case 'USERNOTICE': {
      const channel = channelOf(params[0]);
      if (channel === undefined) return unknown(message, 'malformed');
      return userNotice(message, channel) as unknown as Decoded<UserNoticeMessage>;
    }
    case 'CLEARCHAT': {
      const channel = channelOf(params[0]);
      if (channel === undefined) return unknown(message, 'malformed');
      const base = {
        type: 'clearchat',
        channel,
        channelId: tagString(tags, 'room-id'),
        sentAt: tagInteger(tags, 'tmi-sent-ts'),
        raw,
        ircMessage: message,
      } as const;
      const target = params[1];
      if (target === undefined || target === '') return { ...base, kind: 'clear' };
      const targetUserId = tagString(tags, 'target-user-id');
      const duration = tags.get('ban-duration');
      if (duration === undefined) return { ...base, kind: 'ban', targetUserLogin: target, targetUserId };
      return {
        ...base,
        kind: 'timeout',
        targetUserLogin: target,
        targetUserId,
        durationSeconds: parseInteger(duration) ?? 0,
      };
    }
    case 'CLEARMSG': {
      const channel = channelOf(params[0]);
      if (channel === undefined) return unknown(message, 'malformed');
      const body = params[1] ?? '';
      const action = body.startsWith('\u0001ACTION') ? body.replace(/^\u0001ACTION ?/, '').replace(/\u0001$/, '') : undefined;
      return {
        type: 'clearmsg',
        channel,
        targetUserLogin: tagString(tags, 'login'),
        targetMessageId: tagString(tags, 'target-msg-id'),
        text: action ?? body,
        isAction: action !== undefined,
        sentAt: tagInteger(tags, 'tmi-sent-ts'),
        raw,
        ircMessage: message,
      };
    }
    case 'ROOMSTATE': {
      const channel = channelOf(params[0]);
      if (channel === undefined) return unknown(message, 'malformed');
      const emoteOnly = tagOptionalFlag(tags, 'emote-only');
      const followersOnlyMinutes = tagInteger(tags, 'followers-only');
      const uniqueChat = tagOptionalFlag(tags, 'r9k');
      const slowSeconds = tagInteger(tags, 'slow');
      const subscribersOnly = tagOptionalFlag(tags, 'subs-only');
      return {
        type: 'roomstate',
        channel,
        channelId: tagString(tags, 'room-id'),
        emoteOnly,
        followersOnlyMinutes,
        uniqueChat,
        slowSeconds,
        subscribersOnly,
        // "Full" means all five settings are present (protocol reference §3.6); twurple treats it as a JOIN reply.
        isFull:
          emoteOnly !== undefined &&
          followersOnlyMinutes !== undefined &&
          uniqueChat !== undefined &&
          slowSeconds !== undefined &&
          subscribersOnly !== undefined,
        raw,
        ircMessage: message,
      };
    }
    case 'USERSTATE': {
      const channel = channelOf(params[0]);
      if (channel === undefined) return unknown(message, 'malformed');
      const badges = parseBadges(tags.get('badges'));
      return {
        type: 'userstate',
        channel,
        displayName: tagString(tags, 'display-name').trimEnd(),
        color: tagOptional(tags, 'color'),
        badges,
        badgeInfo: parseBadges(tags.get('badge-info')),
        emoteSets: emoteSets(tags.get('emote-sets')),
        isModerator: tags.get('mod') === '1' || badges.has('moderator'),
        isBroadcaster: badges.has('broadcaster'),
        isVip: (tags.has('vip') && tags.get('vip') !== '0') || badges.has('vip'),
        isSubscriber: tags.get('subscriber') === '1' || badges.has('subscriber') || badges.has('founder'),
        userType: tagString(tags, 'user-type'),
        sentMessageId: tagOptional(tags, 'id'),
        raw,
        ircMessage: message,
      };
    }
    case 'GLOBALUSERSTATE':
      return {
        type: 'globaluserstate',
        userId: tagString(tags, 'user-id'),
        displayName: tagString(tags, 'display-name').trimEnd(),
        color: tagOptional(tags, 'color'),
        badges: parseBadges(tags.get('badges')),
        badgeInfo: parseBadges(tags.get('badge-info')),
        emoteSets: emoteSets(tags.get('emote-sets')),
        userType: tagString(tags, 'user-type'),
        raw,
        ircMessage: message,
      };
    case 'NOTICE': {
      if (params.length === 0) return unknown(message, 'malformed');
      const text = params[params.length - 1] as string;
      const noticeId = tagOptional(tags, 'msg-id');
      return {
        type: 'notice',
        channel: params.length >= 2 ? channelOf(params[0] === '*' ? undefined : params[0]) : undefined,
        noticeId,
        text,
        authFailure: noticeId === undefined ? AUTH_FAILURES.get(text.trim().toLowerCase()) : undefined,
        targetUserId: tagOptional(tags, 'target-user-id'),
        raw,
        ircMessage: message,
      };
    }
    case 'WHISPER': {
      const recipient = params[0];
      const text = params[1];
      const nick = message.nick;
      if (recipient === undefined || recipient === '' || text === undefined || nick === undefined || nick === '') {
        return unknown(message, 'malformed');
      }
      return new DecodedWhisper(message, recipient, nick, text);
    }
    case 'JOIN':
    case 'PART': {
      const channel = channelOf(params[0]);
      const nick = message.nick;
      if (channel === undefined || nick === undefined || nick === '') return unknown(message, 'malformed');
      return { type: command === 'JOIN' ? 'join' : 'part', channel, userLogin: nick, raw, ircMessage: message };
    }
    case 'RECONNECT':
      return { type: 'reconnect', raw, ircMessage: message };
    case 'PING':
      return { type: 'ping', argument: params[params.length - 1], raw, ircMessage: message };
    case 'PONG':
      return { type: 'pong', argument: params[params.length - 1], raw, ircMessage: message };
    case 'CAP': {
      const subcommand = params[1];
      if (subcommand === undefined) return unknown(message, 'malformed');
      return {
        type: 'cap',
        subcommand,
        capabilities: words(params.length > 2 ? params[params.length - 1] : undefined),
        raw,
        ircMessage: message,
      };
    }
    case '353': {
      const channel = channelOf(params[params.length - 2]);
      if (params.length < 3 || channel === undefined) return unknown(message, 'malformed');
      return { type: 'names', channel, users: words(params[params.length - 1]), raw, ircMessage: message };
    }
    case '366': {
      const channel = channelOf(params[1]);
      if (channel === undefined) return unknown(message, 'malformed');
      return { type: 'endOfNames', channel, raw, ircMessage: message };
    }
    case '421': {
      const unknownCommand = params[1];
      if (unknownCommand === undefined) return unknown(message, 'malformed');
      return {
        type: 'unknownCommand',
        command: unknownCommand,
        text: params.length > 2 ? (params[params.length - 1] as string) : '',
        raw,
        ircMessage: message,
      };
    }
    case 'HOSTTARGET': {
      const channel = channelOf(params[0]);
      if (channel === undefined) return unknown(message, 'malformed');
      const [target, viewers] = (params[1] ?? '').split(' ');
      return {
        type: 'hosttarget',
        channel,
        targetChannel: target === undefined || target === '' || target === '-' ? undefined : target,
        viewerCount: parseInteger(viewers),
        raw,
        ircMessage: message,
      };
    }
    default:
      if (isServerInfo(command)) {
        return {
          type: 'serverInfo',
          numeric: command,
          nick: params[0] ?? '',
          text: params.length > 1 ? (params[params.length - 1] as string) : '',
          raw,
          ircMessage: message,
        };
      }
      return unknown(message, 'unsupported');
  }
}
