import type { BaseTwitchMessage, ChatUserInfo, Emote, SharedChatSource } from './BaseTwitchMessage.js';

/**
 * A subscription plan (`msg-param-sub-plan`): `Prime`, or tier `1000`, `2000`, `3000`. Kept open for new plans.
 */
export type SubPlan = 'Prime' | '1000' | '2000' | '3000' | (string & {});

/**
 * Fields shared by every USERNOTICE kind: an event announced in a channel (subscription, raid, announcement, …),
 * with the user who caused it and the optional text they shared.
 *
 * @typeParam Kind - The value of {@link BaseUserNotice.kind}.
 */
export interface BaseUserNotice<Kind extends string> extends BaseTwitchMessage, ChatUserInfo {
  /** Discriminant of every USERNOTICE. */
  readonly type: 'usernotice';
  /** Which event this is; `unknown` for a `msg-id` this version does not know (see {@link BaseUserNotice.msgId}). */
  readonly kind: Kind;
  /** The raw `msg-id` tag, for example `resub`. */
  readonly msgId: string;
  /** The channel's login, without `#`. */
  readonly channel: string;
  /** `room-id`: the channel's user id. `""` when missing. */
  readonly channelId: string;
  /** `id`: the notice's id. `""` when missing. */
  readonly id: string;
  /** The text the user shared with the event, or `undefined` when they shared none. `/me` framing is removed. */
  readonly text: string | undefined;
  /** The emotes in {@link BaseUserNotice.text}, as UTF-16 `[start, end)` ranges. Empty without text. */
  readonly emotes: readonly Emote[];
  /** `system-msg`: Twitch's own description of the event, unescaped. `""` when missing. */
  readonly systemMessage: string;
  /** `tmi-sent-ts`: epoch milliseconds. */
  readonly sentAt: number | undefined;
  /** Shared Chat origin when the notice is mirrored from a shared session, otherwise `undefined`. */
  readonly sharedChat: SharedChatSource | undefined;
  /**
   * Every `msg-param-*` tag, keyed without the `msg-param-` prefix and unescaped, for parameters the typed fields do
   * not cover (or new ones).
   */
  readonly parameters: Readonly<Record<string, string>>;
}

/** Fields of a subscription or resubscription. */
export interface SubscriptionFields {
  /** `msg-param-cumulative-months`: total months subscribed. */
  readonly cumulativeMonths: number | undefined;
  /** `msg-param-streak-months`: consecutive months, only when {@link SubscriptionFields.shouldShareStreak}. */
  readonly streakMonths: number | undefined;
  /** `msg-param-should-share-streak`. */
  readonly shouldShareStreak: boolean;
  /** `msg-param-sub-plan`. `""` when missing. */
  readonly subPlan: SubPlan;
  /** `msg-param-sub-plan-name`, unescaped. `""` when missing. */
  readonly subPlanName: string;
  /** `msg-param-multimonth-duration`: months bought at once, when sent. */
  readonly multiMonthDuration: number | undefined;
}

/** A new subscription (`msg-id=sub`). */
export interface SubUserNotice extends BaseUserNotice<'sub'>, SubscriptionFields {}

/** A resubscription (`msg-id=resub`), usually with a shared text. */
export interface ResubUserNotice extends BaseUserNotice<'resub'>, SubscriptionFields {}

/** Fields of a gifted subscription. */
export interface SubGiftFields {
  /** `msg-param-months`: the recipient's cumulative months. */
  readonly months: number | undefined;
  /** `msg-param-gift-months`: months gifted at once. */
  readonly giftMonths: number | undefined;
  /** `msg-param-recipient-id`. `""` when missing. */
  readonly recipientId: string;
  /** `msg-param-recipient-user-name`: the recipient's login. `""` when missing. */
  readonly recipientLogin: string;
  /** `msg-param-recipient-display-name`. `""` when missing. */
  readonly recipientDisplayName: string;
  /** `msg-param-sub-plan`. `""` when missing. */
  readonly subPlan: SubPlan;
  /** `msg-param-sub-plan-name`, unescaped. `""` when missing. */
  readonly subPlanName: string;
  /** `msg-param-sender-count`: the gifter's total gifts in the channel; `0` or `undefined` when not shared. */
  readonly senderCount: number | undefined;
  /** `msg-param-origin-id`: links the gift to its mass-gift announcement. */
  readonly originId: string | undefined;
  /** `msg-param-community-gift-id`, sent since 2025 with mass gifts. */
  readonly communityGiftId: string | undefined;
  /** Whether the gifter is anonymous (`login=ananonymousgifter`, or the `anonsubgift` kind). */
  readonly isAnonymous: boolean;
}

/** A gifted subscription to one user (`msg-id=subgift`). */
export interface SubGiftUserNotice extends BaseUserNotice<'subgift'>, SubGiftFields {}

/** A gifted subscription from an anonymous gifter (`msg-id=anonsubgift`, older form of an anonymous `subgift`). */
export interface AnonSubGiftUserNotice extends BaseUserNotice<'anonsubgift'>, SubGiftFields {}

/** Fields of a mass gift announcement. */
export interface CommunityGiftFields {
  /** `msg-param-mass-gift-count`: how many subscriptions are gifted now. */
  readonly massGiftCount: number | undefined;
  /** `msg-param-sender-count`: the gifter's total in the channel, when shared. */
  readonly senderCount: number | undefined;
  /** `msg-param-sub-plan`. `""` when missing. */
  readonly subPlan: SubPlan;
  /** `msg-param-origin-id`: the same value appears on each following `subgift`. */
  readonly originId: string | undefined;
  /** `msg-param-community-gift-id`, when sent. */
  readonly communityGiftId: string | undefined;
  /** Whether the gifter is anonymous. */
  readonly isAnonymous: boolean;
}

/** A mass gift to the community (`msg-id=submysterygift`); one `subgift` per recipient follows. */
export interface SubMysteryGiftUserNotice extends BaseUserNotice<'submysterygift'>, CommunityGiftFields {}

/** An anonymous mass gift (`msg-id=anonsubmysterygift`). */
export interface AnonSubMysteryGiftUserNotice extends BaseUserNotice<'anonsubmysterygift'>, CommunityGiftFields {}

/** Fields of a promotion attached to a gift upgrade. */
export interface GiftPromotionFields {
  /** `msg-param-promo-name`, when the upgrade is part of a promotion. */
  readonly promoName: string | undefined;
  /** `msg-param-promo-gift-total`, when the upgrade is part of a promotion. */
  readonly promoGiftTotal: number | undefined;
}

/** A user continues a gifted subscription (`msg-id=giftpaidupgrade`). */
export interface GiftPaidUpgradeUserNotice extends BaseUserNotice<'giftpaidupgrade'>, GiftPromotionFields {
  /** `msg-param-sender-login`: who gifted the original subscription. `""` when missing. */
  readonly senderLogin: string;
  /** `msg-param-sender-name`: the gifter's display name. `""` when missing. */
  readonly senderDisplayName: string;
}

/** A user continues a subscription gifted anonymously (`msg-id=anongiftpaidupgrade`). */
export interface AnonGiftPaidUpgradeUserNotice extends BaseUserNotice<'anongiftpaidupgrade'>, GiftPromotionFields {}

/** A Prime subscription converted to a paid tier (`msg-id=primepaidupgrade`). */
export interface PrimePaidUpgradeUserNotice extends BaseUserNotice<'primepaidupgrade'> {
  /** `msg-param-sub-plan`: the new tier. `""` when missing. */
  readonly subPlan: SubPlan;
}

/** Fields of a "pay it forward" gift. */
export interface PayForwardFields {
  /** `msg-param-prior-gifter-anonymous` (`true`/`false` on the wire). */
  readonly priorGifterIsAnonymous: boolean;
  /** `msg-param-prior-gifter-id`, or `undefined` when anonymous. */
  readonly priorGifterId: string | undefined;
  /** `msg-param-prior-gifter-user-name`: the prior gifter's login. */
  readonly priorGifterLogin: string | undefined;
  /** `msg-param-prior-gifter-display-name`. */
  readonly priorGifterDisplayName: string | undefined;
}

/** A user pays a received gift forward to one other user (`msg-id=standardpayforward`). */
export interface StandardPayForwardUserNotice extends BaseUserNotice<'standardpayforward'>, PayForwardFields {
  /** `msg-param-recipient-id`, when sent. */
  readonly recipientId: string | undefined;
  /** `msg-param-recipient-user-name`: the recipient's login, when sent. */
  readonly recipientLogin: string | undefined;
  /** `msg-param-recipient-display-name`, when sent. */
  readonly recipientDisplayName: string | undefined;
}

/** A user pays a received gift forward to the community (`msg-id=communitypayforward`). */
export interface CommunityPayForwardUserNotice extends BaseUserNotice<'communitypayforward'>, PayForwardFields {}

/** A viewer received a Prime gaming gift from a Prime member (`msg-id=primecommunitygiftreceived`). */
export interface PrimeCommunityGiftReceivedUserNotice extends BaseUserNotice<'primecommunitygiftreceived'> {
  /** `msg-param-gift-name`, unescaped. `""` when missing. */
  readonly giftName: string;
  /** `msg-param-recipient`: the recipient's login. `""` when missing. */
  readonly recipientLogin: string;
  /** `msg-param-middle-man`: the channel the gift went through. `""` when missing. */
  readonly middleMan: string;
}

/** A user extended a subscription in advance (`msg-id=extendsub`). */
export interface ExtendSubUserNotice extends BaseUserNotice<'extendsub'> {
  /** `msg-param-cumulative-months`. */
  readonly cumulativeMonths: number | undefined;
  /** `msg-param-sub-benefit-end-month`: the month (1–12) the benefit now ends. */
  readonly benefitEndMonth: number | undefined;
  /** `msg-param-sub-plan`. `""` when missing. */
  readonly subPlan: SubPlan;
}

/** A gift of rewards to other viewers, triggered by a gift or cheer (`msg-id=rewardgift`). */
export interface RewardGiftUserNotice extends BaseUserNotice<'rewardgift'> {
  /** `msg-param-domain`: the campaign, for example `pride_megacommerce_2020`. `""` when missing. */
  readonly domain: string;
  /** `msg-param-selected-count`: how many viewers receive a reward. */
  readonly selectedCount: number | undefined;
  /** `msg-param-total-reward-count`. */
  readonly totalRewardCount: number | undefined;
  /** `msg-param-trigger-amount`. */
  readonly triggerAmount: number | undefined;
  /** `msg-param-trigger-type`, for example `SUBGIFT` or `CHEER`. `""` when missing. */
  readonly triggerType: string;
}

/** An incoming raid (`msg-id=raid`). The raid parameters are camelCase on the wire. */
export interface RaidUserNotice extends BaseUserNotice<'raid'> {
  /** `msg-param-login`: the raiding channel's login (falls back to the sender's login). */
  readonly raiderLogin: string;
  /** `msg-param-displayName`: the raiding channel's display name (falls back to the sender's). */
  readonly raiderDisplayName: string;
  /** `msg-param-viewerCount`: how many viewers came along. */
  readonly viewerCount: number | undefined;
  /** `msg-param-profileImageURL`, when sent. */
  readonly profileImageUrl: string | undefined;
}

/** A raid was cancelled (`msg-id=unraid`). */
export interface UnraidUserNotice extends BaseUserNotice<'unraid'> {}

/** A user reached a new bits badge tier (`msg-id=bitsbadgetier`). */
export interface BitsBadgeTierUserNotice extends BaseUserNotice<'bitsbadgetier'> {
  /** `msg-param-threshold`: the tier reached, in bits. */
  readonly threshold: number | undefined;
}

/** A user's moderator anniversary (`msg-id=modiversary`). */
export interface ModiversaryUserNotice extends BaseUserNotice<'modiversary'> {
  /** `msg-param-months`: months as a moderator. */
  readonly months: number | undefined;
}

/** A viewer milestone such as a watch streak (`msg-id=viewermilestone`). */
export interface ViewerMilestoneUserNotice extends BaseUserNotice<'viewermilestone'> {
  /** `msg-param-category`, for example `watch-streak`. `""` when missing. */
  readonly category: string;
  /** `msg-param-id`: the milestone's id. `""` when missing. */
  readonly milestoneId: string;
  /** `msg-param-value`: for a watch streak, the number of consecutive streams. */
  readonly value: number | undefined;
  /** `msg-param-copoReward`: channel points awarded, when sent. */
  readonly channelPointsReward: number | undefined;
}

/** The colour of an announcement (`msg-param-color`). Kept open for new colours. */
export type AnnouncementColor = 'PRIMARY' | 'BLUE' | 'GREEN' | 'ORANGE' | 'PURPLE' | (string & {});

/** A moderator announcement (`msg-id=announcement`); the text is the announcement. */
export interface AnnouncementUserNotice extends BaseUserNotice<'announcement'> {
  /** `msg-param-color`: the announcement's colour; `PRIMARY` when missing. (`color` stays the user's name colour.) */
  readonly announcementColor: AnnouncementColor;
}

/**
 * A notice mirrored from another room of a Shared Chat session (`msg-id=sharedchatnotice`). `source-msg-id` holds the
 * original kind, for example `announcement`.
 */
export interface SharedChatNoticeUserNotice extends BaseUserNotice<'sharedchatnotice'> {
  /** `source-msg-id`: the `msg-id` of the original notice in the source room. `""` when missing. */
  readonly sourceMsgId: string;
}

/** A donation to a charity campaign (`msg-id=charitydonation`). */
export interface CharityDonationUserNotice extends BaseUserNotice<'charitydonation'> {
  /** `msg-param-charity-name`, unescaped. `""` when missing. */
  readonly charityName: string;
  /** `msg-param-donation-amount` in minor units: the value is `amount / 10 ** exponent`. */
  readonly amount: number | undefined;
  /** `msg-param-donation-currency`, an ISO 4217 code. `""` when missing. */
  readonly currency: string;
  /** `msg-param-exponent`. */
  readonly exponent: number | undefined;
}

/**
 * A "Midnight Squid" (Twitch's 2023 Hype Chat-like) notice (`msg-id=midnightsquid`). The `msg-param-*` names below
 * follow libraries and are unverified; {@link BaseUserNotice.parameters} keeps every parameter.
 */
export interface MidnightSquidUserNotice extends BaseUserNotice<'midnightsquid'> {
  /** `msg-param-amount` in minor units. */
  readonly amount: number | undefined;
  /** `msg-param-currency`. `""` when missing. */
  readonly currency: string;
  /** `msg-param-exponent`. */
  readonly exponent: number | undefined;
}

/** A legacy ritual such as `new_chatter` (`msg-id=ritual`; rituals were shut down in 2022). */
export interface RitualUserNotice extends BaseUserNotice<'ritual'> {
  /** `msg-param-ritual-name`. `""` when missing. */
  readonly ritualName: string;
}

/** A USERNOTICE whose `msg-id` this version does not know; read {@link BaseUserNotice.msgId} and the parameters. */
export interface UnknownUserNotice extends BaseUserNotice<'unknown'> {}

/**
 * Every kind of USERNOTICE, discriminated by `kind`.
 *
 * @example
 * ```ts
 * if (message.type === 'usernotice' && message.kind === 'raid') {
 *   console.log(`${message.raiderDisplayName} raided with ${message.viewerCount ?? 0} viewers`);
 * }
 * ```
 */
export type UserNoticeMessage =
  | SubUserNotice
  | ResubUserNotice
  | SubGiftUserNotice
  | AnonSubGiftUserNotice
  | SubMysteryGiftUserNotice
  | AnonSubMysteryGiftUserNotice
  | GiftPaidUpgradeUserNotice
  | AnonGiftPaidUpgradeUserNotice
  | PrimePaidUpgradeUserNotice
  | StandardPayForwardUserNotice
  | CommunityPayForwardUserNotice
  | PrimeCommunityGiftReceivedUserNotice
  | ExtendSubUserNotice
  | RewardGiftUserNotice
  | RaidUserNotice
  | UnraidUserNotice
  | BitsBadgeTierUserNotice
  | ModiversaryUserNotice
  | ViewerMilestoneUserNotice
  | AnnouncementUserNotice
  | SharedChatNoticeUserNotice
  | CharityDonationUserNotice
  | MidnightSquidUserNotice
  | RitualUserNotice
  | UnknownUserNotice;

/** The `kind` of a {@link UserNoticeMessage}. */
export type UserNoticeKind = UserNoticeMessage['kind'];
