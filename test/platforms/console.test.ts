// The ChatPlatform contract for the console: the real ConsolePlatform printing to a stream.
// A terminal has no notifications, no reactions of the bot's own, no mentions, no other
// people deleting lines and no channel settings, so those tests are not registered for it.
import { PassThrough, Writable } from 'node:stream';
import type { PostDocument, SentMessage } from '../../src/core/ports.js';
import type { PostPart } from '../../src/core/types.js';
import { CONSOLE_CHANNEL, ConsolePlatform } from '../../src/platforms/console/console-platform.js';
import { platformContract, quietInbound } from './contract.js';

/**
 * The real console, with what each send and edit printed kept per message: a terminal shows
 * one stream, and this is how a reader tells its posts apart.
 */
class WatchedConsole extends ConsolePlatform {
  readonly printed = new Map<string, string>();

  constructor(
    output: Writable,
    private readonly transcript: () => string,
  ) {
    super({ input: new PassThrough(), output, clock: { now: () => new Date() } });
  }

  override async sendPost(part: PostPart, doc: PostDocument): Promise<SentMessage> {
    const before = this.transcript().length;
    const sent = await super.sendPost(part, doc);
    this.printed.set(sent.messageId, this.transcript().slice(before));
    return sent;
  }

  override async editPost(channelId: string, messageId: string, doc: PostDocument): Promise<void> {
    const before = this.transcript().length;
    await super.editPost(channelId, messageId, doc);
    this.printed.set(messageId, this.transcript().slice(before));
  }
}

platformContract('console', {
  can: [],
  async open() {
    let transcript = '';
    const output = new Writable({
      write(chunk: Buffer | string, _encoding, done) {
        transcript += chunk.toString();
        done();
      },
    });
    const platform = new WatchedConsole(output, () => transcript);
    await platform.start(quietInbound);
    return {
      platform,
      channelId: CONSOLE_CHANNEL,
      async shown(messageId) {
        const printed = platform.printed.get(messageId);
        if (printed === undefined) return undefined;
        // A reader reads wrapped lines as running text.
        return { title: printed.split('\n')[0] ?? '', text: printed.replace(/\s+/g, ' ') };
      },
      stop: () => platform.stop(),
    };
  },
});
