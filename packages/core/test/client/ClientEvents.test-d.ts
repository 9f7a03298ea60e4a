import { describe, expectTypeOf, test } from 'vitest';
import type {
  ChatMessageEvent,
  Client,
  ClientEvents,
  DisconnectReason,
  ErrorDetails,
  JoinFailureReason,
  PrivmsgMessage,
  RateLimitedEvent,
  ReplyInfo,
  SentMessage,
  UserNoticeMessage,
} from '../../src/index.js';

declare const client: Client;

describe('the Client event map is locked', () => {
  test('event names', () => {
    expectTypeOf<keyof ClientEvents>().toEqualTypeOf<
      | 'message'
      | 'usernotice'
      | 'clearchat'
      | 'clearmsg'
      | 'roomstate'
      | 'userstate'
      | 'globaluserstate'
      | 'notice'
      | 'whisper'
      | 'join'
      | 'part'
      | 'joinFailure'
      | 'shardConnect'
      | 'shardReady'
      | 'shardDisconnect'
      | 'shardReconnect'
      | 'ready'
      | 'rateLimited'
      | 'error'
      | 'raw'
    >();
  });

  test('payloads', () => {
    expectTypeOf<ClientEvents['message']>().toEqualTypeOf<[message: ChatMessageEvent]>();
    expectTypeOf<ClientEvents['usernotice']>().toEqualTypeOf<[notice: UserNoticeMessage, shardId: string]>();
    expectTypeOf<ClientEvents['join']>().toEqualTypeOf<[channel: string, shardId: string]>();
    expectTypeOf<ClientEvents['joinFailure']>().toEqualTypeOf<[channel: string, reason: JoinFailureReason, shardId: string]>();
    expectTypeOf<ClientEvents['shardDisconnect']>().toEqualTypeOf<[shardId: string, reason: DisconnectReason]>();
    expectTypeOf<ClientEvents['shardReconnect']>().toEqualTypeOf<[shardId: string, attempt: number, delayMs: number]>();
    expectTypeOf<ClientEvents['ready']>().toEqualTypeOf<[]>();
    expectTypeOf<ClientEvents['rateLimited']>().toEqualTypeOf<[event: RateLimitedEvent]>();
    expectTypeOf<ClientEvents['error']>().toEqualTypeOf<[error: Error, details: ErrorDetails]>();
    expectTypeOf<ClientEvents['raw']>().toEqualTypeOf<[line: string, shardId: string]>();
    expectTypeOf<JoinFailureReason>().toEqualTypeOf<'suspended' | 'banned' | 'nonexistent' | 'timeout' | 'concurrentRoomCap' | 'stopped'>();
  });

  test('listeners are typed, and the message payload offers reply()', () => {
    client.on('message', (message) => {
      expectTypeOf(message.text).toEqualTypeOf<string>();
      expectTypeOf(message.shardId).toEqualTypeOf<string>();
      expectTypeOf(message.self).toEqualTypeOf<boolean>();
      expectTypeOf(message.reply).returns.toEqualTypeOf<Promise<SentMessage>>();
      expectTypeOf(message.replyParent).toEqualTypeOf<ReplyInfo | undefined>();
      expectTypeOf(message.decoded).toEqualTypeOf<PrivmsgMessage>();
    });
    client.on('usernotice', (notice) => {
      if (notice.kind === 'raid') expectTypeOf(notice.viewerCount).toEqualTypeOf<number | undefined>();
    });
    client.on('joinFailure', (channel, reason, shardId) => {
      expectTypeOf(channel).toEqualTypeOf<string>();
      expectTypeOf(reason).toEqualTypeOf<JoinFailureReason>();
      expectTypeOf(shardId).toEqualTypeOf<string>();
    });
    // @ts-expect-error unknown event name
    client.on('mesage', () => undefined);
    // @ts-expect-error wrong listener signature
    client.on('join', (channel: number) => channel);
    expectTypeOf(client.waitFor('join')).toEqualTypeOf<Promise<[channel: string, shardId: string]>>();
  });
});
