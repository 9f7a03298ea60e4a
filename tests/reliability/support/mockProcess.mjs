// A MockTwitchServer in its own process, driven over IPC, so the resources scenario measures the client's heap alone
// (the mock keeps per-channel and per-connection records that would otherwise count against the client).
import { MockTwitchServer } from '@tio/testing';

const options = JSON.parse(process.argv[2] ?? '{}');
const server = new MockTwitchServer(options);
await server.start();

const handlers = {
  url: () => server.url,
  connections: () => server.connections().length,
  logins: ({ login }) => server.stats().accounts[login]?.logins.length ?? 0,
  drop: ({ target }) => server.drop(target),
  reconnect: ({ target, graceMs }) => server.reconnect(target, { graceMs }),
  violations: () => server.violations().length,
  channels: ({ login }) => server.stats().accounts[login]?.channels.length ?? 0,
  /** Sends `frames` frames of `perFrame` PRIVMSG lines each, ids unique from `from`. */
  chatFrames: ({ login, channel, frames, perFrame, from }) => {
    let index = from;
    for (let frame = 0; frame < frames; frame++) {
      let text = '';
      for (let line = 0; line < perFrame; line++, index++) {
        text +=
          `@badge-info=;badges=subscriber/12;color=#1E90FF;display-name=Viewer;emotes=;first-msg=0;flags=;id=m-${index};mod=0;` +
          `returning-chatter=0;room-id=1;subscriber=1;tmi-sent-ts=1700000000000;turbo=0;user-id=2;user-type= ` +
          `:viewer!viewer@viewer.tmi.twitch.tv PRIVMSG #${channel} :message number ${index} with some text\r\n`;
      }
      server.sendFrame(text, login);
    }
    return index;
  },
  stop: async () => {
    await server.stop();
    setImmediate(() => process.exit(0));
    return true;
  },
};

process.on('message', async (message) => {
  try {
    const result = await handlers[message.type](message);
    process.send({ id: message.id, result });
  } catch (error) {
    process.send({ id: message.id, error: String(error) });
  }
});
process.send({ id: 0, result: server.url });
