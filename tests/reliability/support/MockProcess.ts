import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { MockTwitchServerOptions } from '@tio/testing';

/** A MockTwitchServer running in a child process (support/mockProcess.mjs), driven over IPC. */
export class MockProcess {
  readonly #child: ChildProcess;
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  #nextId = 1;
  url = '';

  private constructor(child: ChildProcess) {
    this.#child = child;
    child.on('message', (message: { id: number; result?: unknown; error?: string }) => {
      const pending = this.#pending.get(message.id);
      if (pending === undefined) return;
      this.#pending.delete(message.id);
      if (message.error !== undefined) pending.reject(new Error(message.error));
      else pending.resolve(message.result);
    });
  }

  static async start(options: MockTwitchServerOptions): Promise<MockProcess> {
    const child = fork(fileURLToPath(new URL('./mockProcess.mjs', import.meta.url)), [JSON.stringify(options)], {
      execArgv: [],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const mock = new MockProcess(child);
    mock.url = await new Promise<string>((resolve, reject) => {
      mock.#pending.set(0, { resolve: (value) => resolve(value as string), reject });
      child.once('exit', (code) => reject(new Error(`mock process exited with ${code}`)));
    });
    return mock;
  }

  call<T>(type: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.#nextId++;
    return new Promise<T>((resolve, reject) => {
      this.#pending.set(id, { resolve: (value) => resolve(value as T), reject });
      this.#child.send({ id, type, ...args });
    });
  }

  async stop(): Promise<void> {
    if (this.#child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
    await this.call('stop').catch(() => undefined);
    await exited;
  }
}
