// Seeded generator of realistic Twitch IRC lines, imitating the formats in
// ../shared/reference/twitch-lines.txt and twitch-protocol.md §3 (tags, escaping, emote positions in code points).
// The same seed gives byte-identical lines on every machine, so every library parses exactly the same corpus.

import { Random } from './prng.js';

/** Default corpus parameters; run.js can override them from the command line. */
export const DefaultCorpusOptions = /** @type {const} */ ({ size: 100_000, seed: 0x7710 });

/**
 * Share of each kind of line, in percent. ~85 % tagged PRIVMSG as in a busy chat; the rest is what a bot joined to a
 * few dozen rooms also receives (twitch-protocol.md §3.4–3.8).
 */
export const CorpusMix = /** @type {const} */ ([
  ['PRIVMSG', 85],
  ['USERNOTICE', 4],
  ['CLEARCHAT', 1.5],
  ['CLEARMSG', 0.5],
  ['ROOMSTATE', 1],
  ['USERSTATE', 1.5],
  ['JOIN', 3],
  ['PART', 2],
  ['NOTICE', 1],
  ['PING', 0.5],
]);

// ---------------------------------------------------------------------------------------------------------------
// Vocabulary

/** Twitch global emotes: [id, code]. `<3` and `:)` show that codes are not always words. */
const GLOBAL_EMOTES = [
  ['25', 'Kappa'],
  ['1902', 'Keepo'],
  ['305954156', 'PogChamp'],
  ['425618', 'LUL'],
  ['41', 'Kreygasm'],
  ['354', '4Head'],
  ['86', 'BibleThump'],
  ['245', 'ResidentSleeper'],
  ['58765', 'NotLikeThis'],
  ['64138', 'SeemsGood'],
  ['483', '<3'],
  ['1', ':)'],
  ['81274', 'VoHiYo'],
  ['58127', 'CoolCat'],
  ['30259', 'HeyGuys'],
  ['120232', 'TriHard'],
  ['28087', 'WutFace'],
  ['88', 'PogChamp'],
  ['555555584', '<3'],
  ['300196486_TK', 'KappaTK'],
];

const WORDS = (
  'lol gg xd W L true based chat is this real what bro no way clip it the streamer nice play yes ok hi hello ' +
  'why how when who he she they we you me my your that was so good bad lmao omg wtf actually literally ' +
  'insane crazy clean huge game boss run again please stop go left right up down first second last chat ' +
  'mods ban him can we get a for in on to of and or but not just really very much more less today tomorrow ' +
  'POGGERS KEKW OMEGALUL monkaS Sadge peepoHappy catJAM xqcL forsenE pajaW Clap EZ Copium 5Head widepeepoHappy ' +
  '1 2 3 10 100 420 69 1000 ?? ??? !! !!! ... :D D: xD ^^ <3? :( :P o7 +1 -1 100% 2x'
).split(' ');

const FOREIGN_WORDS = (
  'привет да нет спасибо хорошо hola qué jaja gracias Då kan du förtal über schön danke ありがとう 草 ' +
  'すごい かわいい ㅋㅋㅋ 안녕하세요 대박 你好 哈哈哈 牛逼 ça va très bien olá obrigado kurwa dzięki'
).split(' ');

/** Emoji, including ones made of several code points (variation selector, skin tone, flag pairs, ZWJ). */
const EMOJI = ['😂', '👉', '🔥', '❤️', '💀', '😭', '🙏', '👀', '🤣', '🇺🇸', '👍🏽', '✨', '🤡', '😎', '🥲', '👨‍💻', '🎉'];

const URLS = [
  'https://clips.twitch.tv/FunnyClipName-AbCdEf123',
  'https://www.youtube.com/watch?v=dQw4w9WgXcQ',
  'https://7tv.app/emotes/60ae958e229664e8667aea38',
  'twitch.tv/pajlada',
];

const NOTICES = [
  ['msg_duplicate', 'Your message was not sent because it is identical to the previous one you sent, less than 30 seconds ago.'],
  ['msg_ratelimit', 'Your message was not sent because you are sending messages too quickly.'],
  ['msg_slowmode', 'This room is in slow mode and you are sending messages too quickly. You will be able to talk again in 4 seconds.'],
  ['msg_timedout', 'You are timed out for 587 more seconds.'],
  ['msg_banned', 'You are permanently banned from talking in {channel}.'],
  ['msg_channel_suspended', 'This channel does not exist or has been suspended.'],
  ['msg_rejected_mandatory', "Your message wasn't posted due to conflicts with the channel's moderation settings."],
  ['msg_followersonly', 'This room is in 10 minutes followers-only mode. Follow {channel} to join the community!'],
  ['msg_subsonly', 'This room is in subscribers only mode. To talk, purchase a channel subscription at https://www.twitch.tv/products/{channel}/ticket?ref=subscriber_only_mode_chat.'],
  ['msg_emoteonly', 'This room is in emote-only mode. You can find your currently available emoticons using the smiley in the chat text area.'],
  ['emote_only_on', 'This room is now in emote-only mode.'],
  ['subs_on', 'This room is now in subscribers-only mode.'],
  ['slow_on', 'This room is now in slow mode. You may send messages every 30 seconds.'],
  ['delete_message_success', 'The message from foo is now deleted.'],
];

const SYLLABLES = 'ka ro mi xq co pa jl ad fo rs en bo ne zu ta ki lo va mu re de sa po li na go ha ni su to'.split(' ');
const NON_ASCII_NAMES = ['테스트계정', '민수', 'さくら', 'たろう', '小明', '王伟', 'Дима', 'Саша', 'Jönsson', 'Ñandú'];
const COLORS = ['#FF0000', '#0000FF', '#008000', '#B22222', '#FF7F50', '#9ACD32', '#FF4500', '#2E8B57', '#DAA520',
  '#D2691E', '#5F9EA0', '#1E90FF', '#FF69B4', '#8A2BE2', '#00FF7F', '#19E6E6', '#CC44FF', '#00AD2B', '#9DA364'];

// ---------------------------------------------------------------------------------------------------------------
// Escaping (twitch-protocol.md §3.1): `\` → `\\`, `;` → `\:`, space → `\s`, CR → `\r`, LF → `\n`

/** @param {string} value @returns {string} */
export function escapeTagValue(value) {
  let out = '';
  for (const ch of value) {
    if (ch === '\\') out += '\\\\';
    else if (ch === ';') out += '\\:';
    else if (ch === ' ') out += '\\s';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\n') out += '\\n';
    else out += ch;
  }
  return out;
}

/** @param {string} text @returns {number} length in Unicode code points (the unit of emote positions, §3.3) */
function codePointLength(text) {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) i++;
    count++;
  }
  return count;
}

// ---------------------------------------------------------------------------------------------------------------
// World: users and channels

function makeLogin(random) {
  let login = '';
  const parts = random.int(2, 5);
  for (let i = 0; i < parts; i++) login += random.pick(SYLLABLES);
  if (random.chance(0.35)) login += random.int(0, 9999);
  if (random.chance(0.15)) login = login.slice(0, 4) + '_' + login.slice(4);
  return login.slice(0, 25);
}

function makeDisplayName(random, login) {
  const roll = random.float();
  if (roll < 0.04) return random.pick(NON_ASCII_NAMES) + random.int(1, 999);
  // an escaped trailing space in a display name (captured: `display-name=Iamme420\s`)
  if (roll < 0.043) return capitalize(login) + ' ';
  if (roll < 0.55) return capitalize(login);
  if (roll < 0.65) return login.toUpperCase();
  return login;
}

function capitalize(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function makeUser(random, index) {
  const login = makeLogin(random) + (index % 7 === 0 ? '_' + index : '');
  const user = {
    login,
    displayName: makeDisplayName(random, login),
    userId: String(random.int(10_000_000, 999_999_999)),
    color: random.chance(0.82) ? random.pick(COLORS) : '',
    moderator: random.chance(0.04),
    vip: false,
    subscriberMonths: 0,
    founder: random.chance(0.01),
    otherBadges: /** @type {string[]} */ ([]),
    predictions: /** @type {string | null} */ (null),
    turbo: random.chance(0.01),
    subPlan: random.weighted([['1000', 80], ['2000', 6], ['3000', 4], ['Prime', 10]]),
  };
  user.vip = !user.moderator && random.chance(0.025);
  if (random.chance(0.38)) user.subscriberMonths = Math.floor(Math.pow(random.float(), 2) * 90) + 1;
  if (random.chance(0.08)) user.otherBadges.push('premium/1');
  if (user.turbo) user.otherBadges.push('turbo/1');
  if (random.chance(0.1)) user.otherBadges.push(`bits/${random.pick(['1', '100', '1000', '5000', '10000', '25000'])}`);
  if (random.chance(0.05)) user.otherBadges.push(`sub-gifter/${random.pick(['1', '5', '10', '25', '50', '100'])}`);
  if (random.chance(0.01)) user.otherBadges.push('glhf-pledge/1');
  if (random.chance(0.006)) user.otherBadges.push('partner/1');
  if (random.chance(0.01)) user.otherBadges.push('twitchconAmsterdam2020/1');
  if (random.chance(0.012)) {
    // the predictions badge-info value is user text with `/`, commas avoided, escaped spaces (§3.3)
    user.predictions = random.pick(['blue-1', 'pink-2', 'Day 53/53 forsenSmug', 'yes', 'NO WAY']);
  }
  return user;
}

function subscriberBadgeVersion(months, plan) {
  const tiers = [0, 2, 3, 6, 9, 12, 18, 24, 30, 36, 48, 60, 72];
  let version = 0;
  for (const tier of tiers) if (months >= tier) version = tier;
  if (plan === '3000') return 3000 + version;
  if (plan === '2000') return 2000 + version;
  return version;
}

function badgesOf(user, channel) {
  const badges = [];
  const badgeInfo = [];
  if (user.login === channel.login) badges.push('broadcaster/1');
  else if (user.moderator) badges.push('moderator/1');
  else if (user.vip) badges.push('vip/1');
  if (user.founder) {
    badges.push('founder/0');
    badgeInfo.push(`founder/${Math.max(1, user.subscriberMonths)}`);
  } else if (user.subscriberMonths > 0) {
    badges.push(`subscriber/${subscriberBadgeVersion(user.subscriberMonths, user.subPlan)}`);
    badgeInfo.push(`subscriber/${user.subscriberMonths}`);
  }
  if (user.predictions !== null) {
    badges.push(`predictions/${user.predictions.startsWith('pink') ? 'pink-2' : 'blue-1'}`);
    badgeInfo.unshift(`predictions/${user.predictions}`);
  }
  for (const badge of user.otherBadges) badges.push(badge);
  return { badges: badges.join(','), badgeInfo: escapeTagValue(badgeInfo.join(',')) };
}

// ---------------------------------------------------------------------------------------------------------------
// Message text with emotes (positions in code points, end inclusive; §3.3)

const WORD_LENGTHS = new Map();
for (const token of [...WORDS, ...FOREIGN_WORDS, ...EMOJI, ...URLS]) WORD_LENGTHS.set(token, codePointLength(token));

/**
 * @param {Random} random
 * @param {{channelEmotes: [string, string][]}} channel
 * @param {number} offset - code points already in front of the built text (a reply's `@name `)
 * @param {{forceEmote?: boolean, bits?: number}} [options]
 * @returns {{text: string, emotes: string, emoteOnly: boolean}}
 */
function buildText(random, channel, offset, options = {}) {
  const lengthClass = random.float();
  const tokenCount =
    lengthClass < 0.6 ? random.int(1, 6) : lengthClass < 0.9 ? random.int(7, 20) : lengthClass < 0.98 ? random.int(21, 50) : random.int(51, 90);
  const emoteRate = options.forceEmote || random.chance(0.34) ? random.pick([0.15, 0.3, 0.6, 1]) : 0;
  const emojiRate = random.chance(0.14) ? 0.25 : 0;
  const foreignRate = random.chance(0.07) ? 0.6 : 0.01;

  const parts = [];
  /** @type {Map<string, string[]>} */
  const emotePositions = new Map();
  let position = offset;
  let allEmotes = true;
  let textLength = 0;
  for (let i = 0; i < tokenCount && textLength < 480; i++) {
    let token;
    let length;
    if (options.bits !== undefined && i === 0) {
      token = `Cheer${options.bits}`;
      length = token.length;
      allEmotes = false;
    } else if (emoteRate > 0 && random.float() < emoteRate) {
      const [id, code] =
        channel.channelEmotes.length > 0 && random.chance(0.4) ? random.pick(channel.channelEmotes) : random.pick(GLOBAL_EMOTES);
      token = code;
      length = code.length; // emote codes are ASCII
      let list = emotePositions.get(id);
      if (list === undefined) emotePositions.set(id, (list = []));
      list.push(`${position}-${position + length - 1}`);
    } else {
      allEmotes = false;
      const roll = random.float();
      if (roll < emojiRate) token = random.pick(EMOJI);
      else if (roll < emojiRate + foreignRate) token = random.pick(FOREIGN_WORDS);
      else if (roll < 0.995) token = random.pick(WORDS);
      else token = random.pick(URLS);
      length = WORD_LENGTHS.get(token);
    }
    parts.push(token);
    position += length + 1; // the joining space
    textLength += token.length + 1;
  }
  let emotes = '';
  for (const [id, list] of emotePositions) emotes += (emotes === '' ? '' : '/') + `${id}:${list.join(',')}`;
  return { text: parts.join(' '), emotes, emoteOnly: allEmotes && emotes !== '' };
}

// ---------------------------------------------------------------------------------------------------------------
// Lines

/** Serializes tags; Twitch sends them sorted by key, but some captured lines come shuffled (§3.1). */
function tagsToString(random, tags, shuffleRate = 0.03) {
  if (random.chance(shuffleRate)) {
    for (let i = tags.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [tags[i], tags[j]] = [tags[j], tags[i]];
    }
  } else {
    tags.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  }
  let out = '@';
  for (let i = 0; i < tags.length; i++) out += (i === 0 ? '' : ';') + tags[i][0] + '=' + tags[i][1];
  return out;
}

function userPrefix(login) {
  return `:${login}!${login}@${login}.tmi.twitch.tv`;
}

class Generator {
  constructor(seed) {
    this.random = new Random(seed);
    const random = this.random;
    this.users = Array.from({ length: 8000 }, (_, index) => makeUser(random, index));
    this.channels = Array.from({ length: 40 }, (_, index) => {
      const owner = this.users[index * 37];
      const emoteCount = random.int(0, 6);
      const prefix = owner.login.slice(0, random.int(3, 6));
      return {
        login: owner.login,
        roomId: owner.userId,
        owner,
        channelEmotes: Array.from({ length: emoteCount }, () => [
          random.chance(0.7) ? `emotesv2_${random.hex(32)}` : String(random.int(300_000_000, 2_000_000_000)),
          prefix + random.pick(['L', 'W', 'Hype', 'Love', 'Sad', 'Pog', 'GIGA', 'Wave']),
        ]),
      };
    });
    this.timestamp = 1_764_000_000_000;
  }

  nextTimestamp() {
    this.timestamp += this.random.int(1, 40);
    return String(this.timestamp);
  }

  channel() {
    return this.random.skewed(this.channels, 1.8);
  }

  user() {
    return this.random.skewed(this.users, 1.6);
  }

  line(kind) {
    switch (kind) {
      case 'PRIVMSG':
        return this.privmsg();
      case 'USERNOTICE':
        return this.usernotice();
      case 'CLEARCHAT':
        return this.clearchat();
      case 'CLEARMSG':
        return this.clearmsg();
      case 'ROOMSTATE':
        return this.roomstate();
      case 'USERSTATE':
        return this.userstate();
      case 'JOIN':
      case 'PART': {
        const user = this.user();
        return `${userPrefix(user.login)} ${kind} #${this.channel().login}`;
      }
      case 'NOTICE': {
        const channel = this.channel();
        const [id, text] = this.random.pick(NOTICES);
        return `@msg-id=${id} :tmi.twitch.tv NOTICE #${channel.login} :${text.replaceAll('{channel}', channel.login)}`;
      }
      case 'PING':
        return 'PING :tmi.twitch.tv';
      default:
        throw new Error(`unknown kind ${kind}`);
    }
  }

  privmsg() {
    const random = this.random;
    const channel = this.channel();
    const user = random.chance(0.003) ? channel.owner : this.user();
    const { badges, badgeInfo } = badgesOf(user, channel);
    const tags = [
      ['badge-info', badgeInfo],
      ['badges', badges],
      ['color', user.color],
      ['display-name', escapeTagValue(user.displayName)],
      ['first-msg', random.chance(0.01) ? '1' : '0'],
      ['flags', random.chance(0.02) ? `${random.int(0, 5)}-${random.int(6, 12)}:${random.pick(['P.3', 'S.6', 'A.3/P.5'])}` : ''],
      ['id', random.uuid()],
      ['mod', user.moderator && user.login !== channel.login ? '1' : '0'],
      ['room-id', channel.roomId],
      ['subscriber', user.subscriberMonths > 0 || user.founder ? '1' : '0'],
      ['tmi-sent-ts', this.nextTimestamp()],
      ['turbo', user.turbo ? '1' : '0'],
      ['user-id', user.userId],
      ['user-type', user.moderator ? 'mod' : ''],
    ];
    if (random.chance(0.9)) tags.push(['returning-chatter', '0']);
    if (random.chance(0.4)) tags.push(['client-nonce', random.hex(32)]);
    if (user.vip) tags.push(['vip', '1']);
    if (random.chance(0.005)) tags.push(['custom-reward-id', random.uuid()]);

    let prefixText = '';
    if (random.chance(0.05)) {
      // a reply (§3.2): reply-parent-* and reply-thread-parent-*; the text starts with `@ParentDisplayName `
      const parent = this.user();
      const parentDisplay = parent.displayName.trim();
      const body = buildText(random, channel, 0).text + (random.chance(0.2) ? '; ok \\o/' : '');
      tags.push(
        ['reply-parent-display-name', escapeTagValue(parent.displayName)],
        ['reply-parent-msg-body', escapeTagValue(body)],
        ['reply-parent-msg-id', random.uuid()],
        ['reply-parent-user-id', parent.userId],
        ['reply-parent-user-login', parent.login],
        ['reply-thread-parent-display-name', escapeTagValue(parent.displayName)],
        ['reply-thread-parent-msg-id', random.uuid()],
        ['reply-thread-parent-user-id', parent.userId],
        ['reply-thread-parent-user-login', parent.login],
      );
      prefixText = `@${parentDisplay} `;
    }
    if (random.chance(0.02)) {
      // Shared Chat copy (§3.2)
      tags.push(
        ['source-badge-info', ''],
        ['source-badges', random.pick(['', 'moderator/1', 'subscriber/3'])],
        ['source-id', random.uuid()],
        ['source-only', '0'],
        ['source-room-id', this.channel().roomId],
      );
    }
    let bits;
    if (random.chance(0.012)) {
      bits = random.pick([1, 100, 100, 500, 1000, 5000]);
      tags.push(['bits', String(bits)]);
    }
    const action = bits === undefined && random.chance(0.03);
    const built = buildText(random, channel, codePointLength(prefixText), bits === undefined ? {} : { bits });
    tags.push(['emotes', built.emotes]);
    if (built.emoteOnly) tags.push(['emote-only', '1']);
    // `/me`: `\x01ACTION text\x01`; emote positions start after "ACTION " (§3.2, §3.3)
    const text = action ? `\u0001ACTION ${prefixText}${built.text}\u0001` : prefixText + built.text;
    return `${tagsToString(random, tags)} ${userPrefix(user.login)} PRIVMSG #${channel.login} :${text}`;
  }

  usernotice() {
    const random = this.random;
    const channel = this.channel();
    const user = this.user();
    const { badges, badgeInfo } = badgesOf(user, channel);
    const display = user.displayName.trim();
    const kind = random.weighted([
      ['sub', 20],
      ['resub', 30],
      ['subgift', 25],
      ['submysterygift', 5],
      ['raid', 8],
      ['announcement', 10],
      ['viewermilestone', 2],
    ]);
    const tags = [
      ['badge-info', badgeInfo],
      ['badges', badges],
      ['color', user.color],
      ['display-name', escapeTagValue(user.displayName)],
      ['flags', ''],
      ['id', random.uuid()],
      ['login', user.login],
      ['mod', user.moderator ? '1' : '0'],
      ['msg-id', kind],
      ['room-id', channel.roomId],
      ['subscriber', user.subscriberMonths > 0 ? '1' : '0'],
      ['tmi-sent-ts', this.nextTimestamp()],
      ['user-id', user.userId],
      ['user-type', user.moderator ? 'mod' : ''],
    ];
    if (random.chance(0.5)) tags.push(['vip', '0']);
    const plan = user.subPlan;
    const planText = plan === 'Prime' ? 'Prime' : `Tier ${plan[0]}`;
    const planName = `Channel Subscription (${channel.login})`;
    let systemMessage = '';
    let text = null;
    switch (kind) {
      case 'sub':
        tags.push(
          ['msg-param-cumulative-months', '1'],
          ['msg-param-months', '0'],
          ['msg-param-multimonth-duration', '1'],
          ['msg-param-should-share-streak', '0'],
          ['msg-param-sub-plan-name', escapeTagValue(planName)],
          ['msg-param-sub-plan', plan],
        );
        systemMessage = plan === 'Prime' ? `${display} subscribed with Prime.` : `${display} subscribed at ${planText}.`;
        break;
      case 'resub': {
        const months = random.int(2, 80);
        const streak = random.int(1, months);
        tags.push(
          ['msg-param-cumulative-months', String(months)],
          ['msg-param-months', '0'],
          ['msg-param-should-share-streak', streak > 1 ? '1' : '0'],
          ['msg-param-streak-months', String(streak)],
          ['msg-param-sub-plan-name', escapeTagValue(planName)],
          ['msg-param-sub-plan', plan],
        );
        systemMessage = `${display} subscribed at ${planText}. They've subscribed for ${months} months, currently on a ${streak} month streak!`;
        if (random.chance(0.7)) text = buildText(random, channel, 0);
        break;
      }
      case 'subgift': {
        const recipient = this.user();
        tags.push(
          ['msg-param-gift-months', '1'],
          ['msg-param-months', String(random.int(1, 30))],
          ['msg-param-origin-id', String(random.int(1e9, 2e9)) + String(random.int(1e8, 9e8))],
          ['msg-param-recipient-display-name', escapeTagValue(recipient.displayName.trim())],
          ['msg-param-recipient-id', recipient.userId],
          ['msg-param-recipient-user-name', recipient.login],
          ['msg-param-sender-count', String(random.int(0, 300))],
          ['msg-param-sub-plan-name', escapeTagValue(planName)],
          ['msg-param-sub-plan', plan === 'Prime' ? '1000' : plan],
        );
        systemMessage = `${display} gifted a ${planText === 'Prime' ? 'Tier 1' : planText} sub to ${recipient.displayName.trim()}!`;
        break;
      }
      case 'submysterygift': {
        const count = random.pick([1, 5, 5, 10, 20, 50, 100]);
        // the older hex-with-\s origin id (2020 captures) next to the decimal one (2025)
        const originId = random.chance(0.5)
          ? escapeTagValue(random.hex(40).match(/../g).join(' '))
          : String(random.int(1e9, 2e9)) + String(random.int(1e8, 9e8));
        tags.push(
          ['msg-param-mass-gift-count', String(count)],
          ['msg-param-origin-id', originId],
          ['msg-param-sender-count', String(count + random.int(0, 500))],
          ['msg-param-sub-plan', '1000'],
        );
        systemMessage = `${display} is gifting ${count} Tier 1 Subs to ${channel.login}'s community! They've gifted a total of ${count * 3} in the channel!`;
        break;
      }
      case 'raid': {
        const viewers = random.int(2, 20_000);
        tags.push(
          ['msg-param-displayName', escapeTagValue(display)],
          ['msg-param-login', user.login],
          ['msg-param-profileImageURL', `https://static-cdn.jtvnw.net/jtv_user_pictures/${random.uuid()}-profile_image-70x70.png`],
          ['msg-param-viewerCount', String(viewers)],
        );
        systemMessage = random.chance(0.5) ? `${viewers} raiders from ${display} have joined!` : `${viewers} raiders from ${display} have joined\n!`;
        break;
      }
      case 'announcement':
        tags.push(['msg-param-color', random.pick(['PRIMARY', 'BLUE', 'GREEN', 'ORANGE', 'PURPLE'])]);
        text = buildText(random, channel, 0);
        break;
      case 'viewermilestone': {
        const value = random.int(3, 15);
        tags.push(['msg-param-category', 'watch-streak'], ['msg-param-id', random.uuid()], ['msg-param-value', String(value)]);
        systemMessage = `${display} watched ${value} consecutive streams this month and sparked a watch streak!`;
        if (random.chance(0.5)) text = buildText(random, channel, 0);
        break;
      }
    }
    tags.push(['system-msg', escapeTagValue(systemMessage)]);
    tags.push(['emotes', text === null ? '' : text.emotes]);
    const tail = text === null ? '' : ` :${text.text}`;
    return `${tagsToString(random, tags)} :tmi.twitch.tv USERNOTICE #${channel.login}${tail}`;
  }

  clearchat() {
    const random = this.random;
    const channel = this.channel();
    const roll = random.float();
    if (roll < 0.1) return `@room-id=${channel.roomId};tmi-sent-ts=${this.nextTimestamp()} :tmi.twitch.tv CLEARCHAT #${channel.login}`;
    const user = this.user();
    const duration = roll < 0.7 ? `ban-duration=${random.pick([1, 10, 60, 300, 600, 3600, 86400, 1209600])};` : '';
    return `@${duration}room-id=${channel.roomId};target-user-id=${user.userId};tmi-sent-ts=${this.nextTimestamp()} :tmi.twitch.tv CLEARCHAT #${channel.login} :${user.login}`;
  }

  clearmsg() {
    const random = this.random;
    const channel = this.channel();
    const user = this.user();
    const text = buildText(random, channel, 0).text;
    const body = random.chance(0.05) ? `\u0001ACTION ${text}\u0001` : text;
    return `@login=${user.login};room-id=;target-msg-id=${random.uuid()};tmi-sent-ts=${this.nextTimestamp()} :tmi.twitch.tv CLEARMSG #${channel.login} :${body}`;
  }

  roomstate() {
    const random = this.random;
    const channel = this.channel();
    if (random.chance(0.2)) {
      // full state on join (§3.6)
      return `@emote-only=0;followers-only=${random.pick(['-1', '0', '10', '1440'])};r9k=0;room-id=${channel.roomId};slow=${random.pick(['0', '0', '3', '30'])};subs-only=0 :tmi.twitch.tv ROOMSTATE #${channel.login}`;
    }
    const [key, value] = random.pick([
      ['emote-only', '1'],
      ['emote-only', '0'],
      ['slow', '5'],
      ['slow', '0'],
      ['r9k', '1'],
      ['followers-only', '10'],
      ['followers-only', '-1'],
      ['subs-only', '1'],
    ]);
    return `@${key}=${value};room-id=${channel.roomId} :tmi.twitch.tv ROOMSTATE #${channel.login}`;
  }

  userstate() {
    const random = this.random;
    const channel = this.channel();
    const bot = this.users[1];
    const moderator = random.chance(0.6);
    const tags = [
      ['badge-info', ''],
      ['badges', moderator ? 'moderator/1' : ''],
      ['color', '#8A2BE2'],
      ['display-name', escapeTagValue(bot.displayName)],
      ['emote-sets', '0,33,50,237,793,2126,3517,4578,5569,9400,10337,12239,75c09c7b-332a-43ec-8be8-1d4571706155'],
      ['mod', moderator ? '1' : '0'],
      ['subscriber', '0'],
      ['user-type', moderator ? 'mod' : ''],
    ];
    if (random.chance(0.8)) tags.push(['id', random.uuid()]);
    return `${tagsToString(random, tags, 0)} :tmi.twitch.tv USERSTATE #${channel.login}`;
  }
}

/**
 * Generates the corpus.
 *
 * @param {{size?: number, seed?: number}} [options]
 * @returns {{lines: string[], seed: number, size: number, mix: Record<string, number>}}
 */
export function generateCorpus(options = {}) {
  const size = options.size ?? DefaultCorpusOptions.size;
  const seed = options.seed ?? DefaultCorpusOptions.seed;
  const generator = new Generator(seed);
  const lines = new Array(size);
  /** @type {Record<string, number>} */
  const mix = {};
  for (const [kind] of CorpusMix) mix[kind] = 0;
  for (let i = 0; i < size; i++) {
    const kind = generator.random.weighted(CorpusMix);
    mix[kind]++;
    lines[i] = generator.line(kind);
  }
  return { lines, seed, size, mix };
}
