import type {
  BadgeMap,
  Emote,
  PaidPinnedChatInfo,
  PrivmsgMessageId,
  ReplyInfo,
  SharedChatSource,
  SubPlan,
  UserNoticeKind,
  WhisperMessage,
} from '@tio/core';
import type { IrcMessage, IrcTags } from '../protocol/IrcMessage.js';
import {
  parseBadges,
  parseEmotes,
  stripAction,
  tagFlag,
  tagInteger,
  tagOptional,
  tagOptionalFlag,
  tagString,
} from './tagValues.js';

// The decoded messages are classes: the fields every handler reads (type, channel, text) are set at construction,
// and everything else is read from the tags on access, with badges, emotes and nested objects parsed once and cached.
// Decoding a line therefore costs one small allocation until a field is actually used.

/**
 * Fields shared by messages that carry a sender in their tags (PRIVMSG, USERNOTICE).
 */
abstract class DecodedUserMessage {
  // Fields are `declare`d and assigned in the constructor: class-field initializers (and `#private` fields) cost a
  // measurable share of decoding on node 20, while plain assignments are cheap stores.
  /** The parsed IRC line this message was decoded from. */
  declare readonly ircMessage: IrcMessage;
  /** The channel's login, without `#`. */
  declare readonly channel: string;
  protected declare cachedBadges: BadgeMap | undefined;
  protected declare cachedBadgeInfo: BadgeMap | undefined;
  protected declare cachedSharedChat: SharedChatSource | null | undefined;

  protected constructor(ircMessage: IrcMessage, channel: string) {
    this.ircMessage = ircMessage;
    this.channel = channel;
    this.cachedBadges = undefined;
    this.cachedBadgeInfo = undefined;
    this.cachedSharedChat = undefined;
  }

  /** The line as received. */
  get raw(): string {
    return this.ircMessage.raw;
  }

  protected get tags(): IrcTags {
    return this.ircMessage.tags;
  }

  abstract get userLogin(): string;

  get id(): string {
    return this.ircMessage.tags.get('id') ?? '';
  }

  get channelId(): string {
    return this.ircMessage.tags.get('room-id') ?? '';
  }

  get userId(): string {
    return this.ircMessage.tags.get('user-id') ?? '';
  }

  /** Display name; a trailing escaped space seen on old lines (`Iamme420\s`) is trimmed. Falls back to the login. */
  get displayName(): string {
    const value = this.ircMessage.tags.get('display-name');
    if (value === undefined || value === null || value === '') return this.userLogin;
    // Most names end in a printable ASCII character: nothing to trim, so no call.
    const last = value.charCodeAt(value.length - 1);
    if (last > 0x20 && last < 0x7f) return value;
    const trimmed = value.trimEnd();
    return trimmed === '' ? this.userLogin : trimmed;
  }

  get color(): string | undefined {
    return tagOptional(this.ircMessage.tags, 'color');
  }

  get badges(): BadgeMap {
    return (this.cachedBadges ??= parseBadges(this.ircMessage.tags.get('badges')));
  }

  get badgeInfo(): BadgeMap {
    return (this.cachedBadgeInfo ??= parseBadges(this.ircMessage.tags.get('badge-info')));
  }

  get userType(): string {
    return this.ircMessage.tags.get('user-type') ?? '';
  }

  get isModerator(): boolean {
    return this.ircMessage.tags.get('mod') === '1' || this.badges.has('moderator');
  }

  get isBroadcaster(): boolean {
    return this.badges.has('broadcaster');
  }

  get isSubscriber(): boolean {
    return this.ircMessage.tags.get('subscriber') === '1' || this.badges.has('subscriber') || this.badges.has('founder');
  }

  /** Twitch sends `vip` only for VIPs (protocol reference §3.2); `vip=0` (seen on USERNOTICE) means not a VIP. */
  get isVip(): boolean {
    const value = this.ircMessage.tags.get('vip');
    return (value !== undefined && value !== '0') || this.badges.has('vip');
  }

  get sentAt(): number | undefined {
    return tagInteger(this.ircMessage.tags, 'tmi-sent-ts');
  }

  get sharedChat(): SharedChatSource | undefined {
    if (this.cachedSharedChat === undefined) {
      const tags = this.ircMessage.tags;
      const messageId = tags.get('source-id');
      this.cachedSharedChat =
        messageId === undefined || messageId === null
          ? null
          : {
              messageId,
              roomId: tagString(tags, 'source-room-id'),
              badges: parseBadges(tags.get('source-badges')),
              badgeInfo: parseBadges(tags.get('source-badge-info')),
              isSourceOnly: tagOptionalFlag(tags, 'source-only'),
            };
    }
    return this.cachedSharedChat ?? undefined;
  }
}

/** A decoded PRIVMSG. Satisfies `PrivmsgMessage` from `@tio/core`. */
export class DecodedPrivmsg extends DecodedUserMessage {
  declare readonly type: 'privmsg';
  /** The text without `/me` framing. */
  declare readonly text: string;
  /** Whether the text was framed as `\x01ACTION …\x01`. */
  declare readonly isAction: boolean;
  private declare readonly login: string;
  private declare cachedEmotes: readonly Emote[] | undefined;
  private declare cachedReply: ReplyInfo | null | undefined;

  constructor(ircMessage: IrcMessage, channel: string, userLogin: string, text: string) {
    super(ircMessage, channel);
    this.type = 'privmsg';
    this.login = userLogin;
    const action = stripAction(text);
    this.isAction = action !== undefined;
    this.text = action ?? text;
    this.cachedEmotes = undefined;
    this.cachedReply = undefined;
  }

  get userLogin(): string {
    return this.login;
  }

  /** Emote positions are relative to the text after `\x01ACTION ` (protocol reference §3.3). */
  get emotes(): readonly Emote[] {
    return (this.cachedEmotes ??= parseEmotes(this.ircMessage.tags.get('emotes'), this.text));
  }

  get bits(): number | undefined {
    return tagInteger(this.ircMessage.tags, 'bits');
  }

  get isFirstMessage(): boolean {
    return tagFlag(this.ircMessage.tags, 'first-msg');
  }

  get isReturningChatter(): boolean {
    return tagFlag(this.ircMessage.tags, 'returning-chatter');
  }

  get isEmoteOnly(): boolean {
    return tagFlag(this.ircMessage.tags, 'emote-only');
  }

  get clientNonce(): string | undefined {
    return tagOptional(this.ircMessage.tags, 'client-nonce');
  }

  get customRewardId(): string | undefined {
    return tagOptional(this.ircMessage.tags, 'custom-reward-id');
  }

  get messageId(): PrivmsgMessageId | undefined {
    return tagOptional(this.ircMessage.tags, 'msg-id');
  }

  get flags(): string | undefined {
    return tagOptional(this.ircMessage.tags, 'flags');
  }

  get reply(): ReplyInfo | undefined {
    if (this.cachedReply === undefined) {
      const tags = this.ircMessage.tags;
      const parentMessageId = tagOptional(tags, 'reply-parent-msg-id');
      this.cachedReply =
        parentMessageId === undefined
          ? null
          : {
              parentMessageId,
              parentUserId: tagString(tags, 'reply-parent-user-id'),
              parentUserLogin: tagString(tags, 'reply-parent-user-login'),
              parentDisplayName: tagString(tags, 'reply-parent-display-name'),
              parentMessageText: tagString(tags, 'reply-parent-msg-body'),
              threadParentMessageId: tagOptional(tags, 'reply-thread-parent-msg-id'),
              threadParentUserId: tagOptional(tags, 'reply-thread-parent-user-id'),
              threadParentUserLogin: tagOptional(tags, 'reply-thread-parent-user-login'),
              threadParentDisplayName: tagOptional(tags, 'reply-thread-parent-display-name'),
            };
    }
    return this.cachedReply ?? undefined;
  }

  get paidPinnedChat(): PaidPinnedChatInfo | undefined {
    const tags = this.ircMessage.tags;
    if (!tags.has('pinned-chat-paid-amount')) return undefined;
    return {
      amount: tagInteger(tags, 'pinned-chat-paid-amount'),
      canonicalAmount: tagInteger(tags, 'pinned-chat-paid-canonical-amount'),
      currency: tagString(tags, 'pinned-chat-paid-currency'),
      exponent: tagInteger(tags, 'pinned-chat-paid-exponent'),
      level: tagString(tags, 'pinned-chat-paid-level'),
      isSystemMessage: tagFlag(tags, 'pinned-chat-paid-is-system-message'),
    };
  }
}

const MSG_PARAM = 'msg-param-';

/** A decoded USERNOTICE. Satisfies the `UserNoticeMessage` member of `@tio/core` matching its `kind`. */
export class DecodedUserNotice extends DecodedUserMessage {
  declare readonly type: 'usernotice';
  /** The decoded kind (`unknown` for a msg-id this version does not know). */
  declare readonly kind: UserNoticeKind;
  /** The raw `msg-id`. */
  declare readonly msgId: string;
  /** The shared text without `/me` framing, if any. */
  declare readonly text: string | undefined;
  private declare cachedEmotes: readonly Emote[] | undefined;
  private declare cachedParameters: Readonly<Record<string, string>> | undefined;

  constructor(ircMessage: IrcMessage, channel: string, kind: UserNoticeKind, msgId: string) {
    super(ircMessage, channel);
    this.type = 'usernotice';
    this.cachedEmotes = undefined;
    this.cachedParameters = undefined;
    this.kind = kind;
    this.msgId = msgId;
    const text = ircMessage.params[1];
    this.text = text === undefined ? undefined : (stripAction(text) ?? text);
  }

  /** USERNOTICE has the server as prefix: the user is the `login` tag. */
  get userLogin(): string {
    return this.ircMessage.tags.get('login') ?? '';
  }

  get emotes(): readonly Emote[] {
    return (this.cachedEmotes ??= this.text === undefined ? [] : parseEmotes(this.ircMessage.tags.get('emotes'), this.text));
  }

  get systemMessage(): string {
    return this.ircMessage.tags.get('system-msg') ?? '';
  }

  get parameters(): Readonly<Record<string, string>> {
    if (this.cachedParameters === undefined) {
      const parameters: Record<string, string> = Object.create(null) as Record<string, string>;
      for (const [key, value] of this.ircMessage.tags) {
        if (key.startsWith(MSG_PARAM)) parameters[key.slice(MSG_PARAM.length)] = value ?? '';
      }
      this.cachedParameters = parameters;
    }
    return this.cachedParameters;
  }

  protected parameterString(name: string): string {
    return this.ircMessage.tags.get(MSG_PARAM + name) ?? '';
  }

  protected parameterOptional(name: string): string | undefined {
    return tagOptional(this.ircMessage.tags, MSG_PARAM + name);
  }

  protected parameterInteger(name: string): number | undefined {
    return tagInteger(this.ircMessage.tags, MSG_PARAM + name);
  }

  protected parameterFlag(name: string): boolean {
    return tagFlag(this.ircMessage.tags, MSG_PARAM + name);
  }

  protected get isAnonymousGifter(): boolean {
    return this.kind.startsWith('anon') || this.userLogin === 'ananonymousgifter';
  }
}

/** `sub`, `resub`. */
export class DecodedSubscriptionNotice extends DecodedUserNotice {
  get cumulativeMonths(): number | undefined {
    return this.parameterInteger('cumulative-months');
  }
  get streakMonths(): number | undefined {
    return this.parameterInteger('streak-months');
  }
  get shouldShareStreak(): boolean {
    return this.parameterFlag('should-share-streak');
  }
  get subPlan(): SubPlan {
    return this.parameterString('sub-plan');
  }
  get subPlanName(): string {
    return this.parameterString('sub-plan-name');
  }
  get multiMonthDuration(): number | undefined {
    return this.parameterInteger('multimonth-duration');
  }
}

/** `subgift`, `anonsubgift`. */
export class DecodedSubGiftNotice extends DecodedUserNotice {
  get months(): number | undefined {
    return this.parameterInteger('months');
  }
  get giftMonths(): number | undefined {
    return this.parameterInteger('gift-months');
  }
  get recipientId(): string {
    return this.parameterString('recipient-id');
  }
  get recipientLogin(): string {
    return this.parameterString('recipient-user-name');
  }
  get recipientDisplayName(): string {
    return this.parameterString('recipient-display-name');
  }
  get subPlan(): SubPlan {
    return this.parameterString('sub-plan');
  }
  get subPlanName(): string {
    return this.parameterString('sub-plan-name');
  }
  get senderCount(): number | undefined {
    return this.parameterInteger('sender-count');
  }
  get originId(): string | undefined {
    return this.parameterOptional('origin-id');
  }
  get communityGiftId(): string | undefined {
    return this.parameterOptional('community-gift-id');
  }
  get isAnonymous(): boolean {
    return this.isAnonymousGifter;
  }
}

/** `submysterygift`, `anonsubmysterygift`. */
export class DecodedCommunityGiftNotice extends DecodedUserNotice {
  get massGiftCount(): number | undefined {
    return this.parameterInteger('mass-gift-count');
  }
  get senderCount(): number | undefined {
    return this.parameterInteger('sender-count');
  }
  get subPlan(): SubPlan {
    return this.parameterString('sub-plan');
  }
  get originId(): string | undefined {
    return this.parameterOptional('origin-id');
  }
  get communityGiftId(): string | undefined {
    return this.parameterOptional('community-gift-id');
  }
  get isAnonymous(): boolean {
    return this.isAnonymousGifter;
  }
}

/** `giftpaidupgrade`, `anongiftpaidupgrade`. */
export class DecodedGiftPaidUpgradeNotice extends DecodedUserNotice {
  get senderLogin(): string {
    return this.parameterString('sender-login');
  }
  get senderDisplayName(): string {
    return this.parameterString('sender-name');
  }
  get promoName(): string | undefined {
    return this.parameterOptional('promo-name');
  }
  get promoGiftTotal(): number | undefined {
    return this.parameterInteger('promo-gift-total');
  }
}

/** `primepaidupgrade`. */
export class DecodedPrimePaidUpgradeNotice extends DecodedUserNotice {
  get subPlan(): SubPlan {
    return this.parameterString('sub-plan');
  }
}

/** `standardpayforward`, `communitypayforward`. */
export class DecodedPayForwardNotice extends DecodedUserNotice {
  get priorGifterIsAnonymous(): boolean {
    return this.parameterFlag('prior-gifter-anonymous');
  }
  get priorGifterId(): string | undefined {
    return this.parameterOptional('prior-gifter-id');
  }
  get priorGifterLogin(): string | undefined {
    return this.parameterOptional('prior-gifter-user-name');
  }
  get priorGifterDisplayName(): string | undefined {
    return this.parameterOptional('prior-gifter-display-name');
  }
  get recipientId(): string | undefined {
    return this.parameterOptional('recipient-id');
  }
  get recipientLogin(): string | undefined {
    return this.parameterOptional('recipient-user-name');
  }
  get recipientDisplayName(): string | undefined {
    return this.parameterOptional('recipient-display-name');
  }
}

/** `primecommunitygiftreceived`. */
export class DecodedPrimeCommunityGiftNotice extends DecodedUserNotice {
  get giftName(): string {
    return this.parameterString('gift-name');
  }
  get recipientLogin(): string {
    return this.parameterString('recipient');
  }
  get middleMan(): string {
    return this.parameterString('middle-man');
  }
}

/** `extendsub`. */
export class DecodedExtendSubNotice extends DecodedUserNotice {
  get cumulativeMonths(): number | undefined {
    return this.parameterInteger('cumulative-months');
  }
  get benefitEndMonth(): number | undefined {
    return this.parameterInteger('sub-benefit-end-month');
  }
  get subPlan(): SubPlan {
    return this.parameterString('sub-plan');
  }
}

/** `rewardgift`. */
export class DecodedRewardGiftNotice extends DecodedUserNotice {
  get domain(): string {
    return this.parameterString('domain');
  }
  get selectedCount(): number | undefined {
    return this.parameterInteger('selected-count');
  }
  get totalRewardCount(): number | undefined {
    return this.parameterInteger('total-reward-count');
  }
  get triggerAmount(): number | undefined {
    return this.parameterInteger('trigger-amount');
  }
  get triggerType(): string {
    return this.parameterString('trigger-type');
  }
}

/** `raid`: its parameters are camelCase on the wire (protocol reference §3.4). */
export class DecodedRaidNotice extends DecodedUserNotice {
  get raiderLogin(): string {
    return this.parameterOptional('login') ?? this.userLogin;
  }
  get raiderDisplayName(): string {
    return this.parameterOptional('displayName') ?? this.displayName;
  }
  get viewerCount(): number | undefined {
    return this.parameterInteger('viewerCount');
  }
  get profileImageUrl(): string | undefined {
    return this.parameterOptional('profileImageURL');
  }
}

/** `bitsbadgetier`. */
export class DecodedBitsBadgeTierNotice extends DecodedUserNotice {
  get threshold(): number | undefined {
    return this.parameterInteger('threshold');
  }
}

/** `modiversary`. */
export class DecodedModiversaryNotice extends DecodedUserNotice {
  get months(): number | undefined {
    return this.parameterInteger('months');
  }
}

/** `viewermilestone`. */
export class DecodedViewerMilestoneNotice extends DecodedUserNotice {
  get category(): string {
    return this.parameterString('category');
  }
  get milestoneId(): string {
    return this.parameterString('id');
  }
  get value(): number | undefined {
    return this.parameterInteger('value');
  }
  get channelPointsReward(): number | undefined {
    return this.parameterInteger('copoReward');
  }
}

/** `announcement`: the colour falls back to `PRIMARY`. */
export class DecodedAnnouncementNotice extends DecodedUserNotice {
  get announcementColor(): string {
    return this.parameterOptional('color') ?? 'PRIMARY';
  }
}

/** `sharedchatnotice`. */
export class DecodedSharedChatNotice extends DecodedUserNotice {
  get sourceMsgId(): string {
    return this.ircMessage.tags.get('source-msg-id') ?? '';
  }
}

/** `charitydonation`. */
export class DecodedCharityDonationNotice extends DecodedUserNotice {
  get charityName(): string {
    return this.parameterString('charity-name');
  }
  get amount(): number | undefined {
    return this.parameterInteger('donation-amount');
  }
  get currency(): string {
    return this.parameterString('donation-currency');
  }
  get exponent(): number | undefined {
    return this.parameterInteger('exponent');
  }
}

/** `midnightsquid` (parameter names unverified). */
export class DecodedMidnightSquidNotice extends DecodedUserNotice {
  get amount(): number | undefined {
    return this.parameterInteger('amount');
  }
  get currency(): string {
    return this.parameterString('currency');
  }
  get exponent(): number | undefined {
    return this.parameterInteger('exponent');
  }
}

/** `ritual`. */
export class DecodedRitualNotice extends DecodedUserNotice {
  get ritualName(): string {
    return this.parameterString('ritual-name');
  }
}

/** A decoded WHISPER. */
export class DecodedWhisper implements WhisperMessage {
  declare readonly type: 'whisper';
  declare readonly ircMessage: IrcMessage;
  declare readonly recipientLogin: string;
  declare readonly userLogin: string;
  declare readonly text: string;
  declare readonly isAction: boolean;
  private declare cachedBadges: BadgeMap | undefined;
  private declare cachedEmotes: readonly Emote[] | undefined;

  constructor(ircMessage: IrcMessage, recipientLogin: string, userLogin: string, text: string) {
    this.type = 'whisper';
    this.cachedBadges = undefined;
    this.cachedEmotes = undefined;
    this.ircMessage = ircMessage;
    this.recipientLogin = recipientLogin;
    this.userLogin = userLogin;
    const action = stripAction(text);
    this.isAction = action !== undefined;
    this.text = action ?? text;
  }

  get raw(): string {
    return this.ircMessage.raw;
  }
  get userId(): string {
    return this.ircMessage.tags.get('user-id') ?? '';
  }
  get displayName(): string {
    return tagOptional(this.ircMessage.tags, 'display-name')?.trimEnd() || this.userLogin;
  }
  get color(): string | undefined {
    return tagOptional(this.ircMessage.tags, 'color');
  }
  get badges(): BadgeMap {
    return (this.cachedBadges ??= parseBadges(this.ircMessage.tags.get('badges')));
  }
  get userType(): string {
    return this.ircMessage.tags.get('user-type') ?? '';
  }
  get emotes(): readonly Emote[] {
    return (this.cachedEmotes ??= parseEmotes(this.ircMessage.tags.get('emotes'), this.text));
  }
  get messageId(): string {
    return this.ircMessage.tags.get('message-id') ?? '';
  }
  get threadId(): string {
    return this.ircMessage.tags.get('thread-id') ?? '';
  }
}
