import { AuthenticationError } from '../errors/AuthenticationError.js';
import { StoppedError } from '../errors/StoppedError.js';
import { createDeferred, type Deferred } from '../internal/Deferred.js';
import type { IrcCredentials, SecretToken } from './IrcCredentials.js';

/** How many rejected tokens (and their refresh results) a login remembers; older ones are forgotten. */
const REMEMBERED_TOKENS = 16;
/** A refresh can only hand back a token that was refreshed again this many times before we stop following it. */
const MAX_REFRESH_CHAIN = 4;

interface Refresh {
  /** The token Twitch rejected. */
  readonly rejected: SecretToken;
  /** The single refresh of it, shared by every shard that saw it rejected. */
  readonly promise: Promise<IrcCredentials | null>;
  /** Its result once settled: fresh credentials, or `null` (no refresh possible, or the refresh threw). */
  settled: { readonly fresh: IrcCredentials | null } | undefined;
}

interface Waiter {
  readonly shardId: string;
  readonly deferred: Deferred<void>;
}

/**
 * The authentication state of one login, shared by every shard of it so that the account, not each connection, spends
 * Twitch's authentication budget (20 attempts per 10 s, `twitch-protocol.md` §4.4; failures count, §1.5):
 *
 * - **One unverified attempt at a time.** While no shard has logged in with the current token, one shard (the probe)
 *   tries it and the others wait for the verdict before they take their credentials. With a bad token the account
 *   therefore makes one attempt plus one with the refreshed token, whatever the shard count, instead of two per shard.
 * - **One refresh per rejected token.** Shards that see the same token rejected share one `refreshIrcToken()` call and
 *   its result; a refresh that failed is not retried, and a refreshed token that is rejected too is not refreshed again.
 * - **Known-bad tokens are not retried.** Once a token was rejected for good, every shard that would log in with it
 *   fails with `AuthenticationError` without another attempt, until the token handler hands out a different token.
 *
 * @internal
 */
export class LoginAuthentication {
  /** The login. */
  readonly login: string;
  #verified: SecretToken | undefined;
  readonly #rejected: SecretToken[] = [];
  readonly #refreshes: Refresh[] = [];
  /** Tokens produced by a refresh and not verified yet: if Twitch rejects one, it is not refreshed again. */
  readonly #refreshed: SecretToken[] = [];
  #probe: string | undefined;
  #waiters: Waiter[] = [];

  /**
   * @param login - The login.
   */
  constructor(login: string) {
    this.login = login;
  }

  /**
   * Returns the credentials `shardId` should log in with: the token handler's, or what the shared refresh of a token
   * some shard already saw rejected returned, instead of spending an attempt on that token again.
   *
   * @param shardId - The shard about to log in.
   * @param fetch - Reads the token handler's current credentials for this login.
   * @returns Credentials to try.
   * @throws {@link AuthenticationError} when the token is known to be rejected for good (its refresh failed too).
   */
  async resolve(shardId: string, fetch: () => Promise<IrcCredentials>): Promise<IrcCredentials> {
    let credentials = await fetch();
    for (let step = 0; step < MAX_REFRESH_CHAIN; step++) {
      const token: SecretToken | null = credentials.token;
      if (token === null) return credentials;
      const refresh = this.#refreshOf(token);
      if (refresh === undefined) break;
      const fresh = refresh.settled === undefined ? await refresh.promise : refresh.settled.fresh;
      if (fresh === null || fresh.token === null || fresh.token.equals(token)) break;
      credentials = fresh;
    }
    if (credentials.token !== null && this.#isCondemned(credentials.token)) throw this.#rejectedError(credentials.login, shardId);
    return credentials;
  }

  /**
   * Tells whether `shardId` may try `credentials` now: at once when the token is verified, or when no other shard is
   * trying an unverified token (`shardId` then becomes that shard until its verdict); otherwise it must
   * {@link LoginAuthentication.waitForVerdict} and resolve its credentials again.
   *
   * @param shardId - The shard about to log in.
   * @param credentials - What {@link LoginAuthentication.resolve} returned.
   * @returns `true` to go ahead, `false` to wait.
   * @throws {@link AuthenticationError} when the token was rejected for good.
   */
  tryEnter(shardId: string, credentials: IrcCredentials): boolean {
    const token = credentials.token;
    if (token === null || this.#verified?.equals(token) === true) return true;
    if (this.#isCondemned(token)) throw this.#rejectedError(credentials.login, shardId);
    if (this.#probe === undefined || this.#probe === shardId) {
      this.#probe = shardId;
      return true;
    }
    return false;
  }

  /**
   * Waits until the shard trying an unverified token has a verdict (logged in, failed for good, or lost its
   * connection), or a refresh settled.
   *
   * @param shardId - The waiting shard.
   * @param signal - Aborted when the waiting shard stops.
   * @throws `StoppedError` when `signal` aborts.
   */
  waitForVerdict(shardId: string, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(abortError(signal, shardId));
    return this.#wait(shardId, [signal]);
  }

  /**
   * Refreshes `rejected` once for the whole login: concurrent and later callers with the same rejected token share the
   * first call and its result.
   *
   * @param rejected - The credentials Twitch refused.
   * @param refresh - Calls the token handler's `refreshIrcToken`.
   * @param onError - Reports a refresh that threw.
   * @returns Fresh credentials, or `null` when there are none to try (no refresh possible, it failed, or `rejected`
   *   was itself the product of a refresh).
   */
  refresh(
    rejected: IrcCredentials,
    refresh: () => Promise<IrcCredentials | null>,
    onError: (error: unknown) => void,
  ): Promise<IrcCredentials | null> {
    const token = rejected.token;
    if (token === null) return Promise.resolve(null);
    if (this.#verified?.equals(token) === true) this.#verified = undefined;
    const shared = this.#refreshOf(token);
    if (shared !== undefined) return shared.promise;
    const wasRefreshed = this.#refreshed.some((entry) => entry.equals(token));
    this.#markRejected(token);
    // A refreshed token that is rejected too means the refresh cannot help: refreshing again would turn a bad token
    // into a retry storm against the authentication limit (§4.4).
    if (wasRefreshed) return Promise.resolve(null);
    const entry: Refresh = {
      rejected: token,
      settled: undefined,
      promise: refresh().then(
        (fresh) => fresh,
        (error: unknown) => {
          onError(error);
          return null;
        },
      ),
    };
    void entry.promise.then((fresh) => {
      entry.settled = { fresh };
      if (fresh !== null && fresh.token !== null) remember(this.#refreshed, fresh.token);
      this.#wake();
    });
    this.#refreshes.push(entry);
    if (this.#refreshes.length > REMEMBERED_TOKENS) this.#refreshes.shift();
    return entry.promise;
  }

  /**
   * `shardId` logged in with `credentials`: the token is good, and shards waiting for the verdict may go.
   *
   * @param shardId - The shard.
   * @param credentials - The credentials it logged in with.
   */
  succeeded(shardId: string, credentials: IrcCredentials | undefined): void {
    const token = credentials?.token ?? null;
    if (token !== null && !this.#isRejected(token)) {
      this.#verified = token;
      const index = this.#refreshed.findIndex((entry) => entry.equals(token));
      if (index >= 0) this.#refreshed.splice(index, 1);
    }
    this.#release(shardId);
  }

  /**
   * `shardId` failed for good with `credentials` rejected (after its refresh): no shard tries that token again.
   *
   * @param shardId - The shard.
   * @param credentials - The credentials it was last given.
   */
  failed(shardId: string, credentials: IrcCredentials | undefined): void {
    const token = credentials?.token ?? null;
    // A verified token that Twitch rejects goes through refresh() first, which un-verifies it; one still verified
    // here did not fail authentication, so it is not condemned.
    if (token !== null && this.#verified?.equals(token) !== true) this.#markRejected(token);
    this.#release(shardId);
  }

  /**
   * `shardId`'s attempt ended without a verdict on the token (connection lost, shard stopped): another shard may try.
   *
   * @param shardId - The shard.
   */
  release(shardId: string): void {
    this.#release(shardId);
  }

  #release(shardId: string): void {
    if (this.#probe !== shardId) return;
    this.#probe = undefined;
    this.#wake();
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter.deferred.resolve();
  }

  #wait(shardId: string, signals: readonly (AbortSignal | undefined)[]): Promise<void> {
    const deferred = createDeferred<void>();
    const waiter: Waiter = { shardId, deferred };
    const listeners: Array<[AbortSignal, () => void]> = [];
    for (const signal of signals) {
      if (signal === undefined) continue;
      const onAbort = (): void => {
        this.#waiters = this.#waiters.filter((entry) => entry !== waiter);
        deferred.reject(abortError(signal, shardId));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      listeners.push([signal, onAbort]);
    }
    this.#waiters.push(waiter);
    return deferred.promise.finally(() => {
      for (const [signal, onAbort] of listeners) signal.removeEventListener('abort', onAbort);
    });
  }

  /** Whether `token` was rejected and nothing usable came of it: no refresh, a failed one, or a rejected product. */
  #isCondemned(token: SecretToken): boolean {
    if (!this.#isRejected(token)) return false;
    let current = token;
    for (let step = 0; step < MAX_REFRESH_CHAIN; step++) {
      const refresh = this.#refreshOf(current);
      if (refresh === undefined) return true;
      if (refresh.settled === undefined) return false; // still refreshing: no verdict yet
      const fresh = refresh.settled.fresh?.token ?? null;
      if (fresh === null || fresh.equals(current)) return true;
      if (!this.#isRejected(fresh)) return false;
      current = fresh;
    }
    return true;
  }

  #rejectedError(login: string, shardId: string): AuthenticationError {
    return new AuthenticationError({
      login,
      shardId,
      detail: 'another shard of this account already had this token rejected, and its refresh did not help; not tried again',
    });
  }

  #refreshOf(token: SecretToken): Refresh | undefined {
    return this.#refreshes.find((entry) => entry.rejected.equals(token));
  }

  #isRejected(token: SecretToken): boolean {
    return this.#rejected.some((entry) => entry.equals(token));
  }

  #markRejected(token: SecretToken): void {
    if (!this.#isRejected(token)) remember(this.#rejected, token);
  }
}

function abortError(signal: AbortSignal, shardId: string): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new StoppedError(`Logging in shard "${shardId}"`);
}

function remember(list: SecretToken[], token: SecretToken): void {
  list.push(token);
  if (list.length > REMEMBERED_TOKENS) list.shift();
}

/**
 * One {@link LoginAuthentication} per login, shared by the shards of a client.
 *
 * @internal
 */
export class AuthenticationCoordinator {
  readonly #logins = new Map<string, LoginAuthentication>();

  /**
   * @param login - A login (lower case).
   * @returns Its shared authentication state.
   */
  get(login: string): LoginAuthentication {
    let entry = this.#logins.get(login);
    if (entry === undefined) {
      entry = new LoginAuthentication(login);
      this.#logins.set(login, entry);
    }
    return entry;
  }
}
