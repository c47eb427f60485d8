// A working ChatPlatform double for core tests (hubot's dummy adapter, errbot's test
// backend): it keeps messages and reactions like a tiny chat service, records every call,
// and can be told to fail, stall or lose an answer. Slack and Discord have their own fakes
// speaking the real protocols; this one is for the platform-neutral core.
import type { ChannelInspection, ChatPlatform, Inbound, MessageLimits, PostDocument, ReactionHolder, SentMessage } from '../../src/core/ports.js';
import { PlatformError } from '../../src/core/ports.js';
import type { PlatformName, PostPart } from '../../src/core/types.js';

export interface FakeMessage {
  id: string;
  channelId: string;
  ledgerKey: string;
  doc: PostDocument;
  at: Date;
  deleted: boolean;
  editedTo?: string;
  /** The bot's own 🙏 is on it (sendPost adds it; a lost answer leaves it off). */
  ownReaction: boolean;
}

export class RecordingPlatform implements ChatPlatform {
  readonly calls: Array<{ method: string; args: unknown[] }> = [];
  readonly messages: FakeMessage[] = [];
  readonly staffTexts: Array<{ channelId: string; text: string }> = [];
  readonly reactions = new Map<string, ReactionHolder[]>();
  readonly channels = new Map<string, ChannelInspection>();
  inbound?: Inbound;
  /** Errors thrown by the next sendPost calls, in order. */
  sendFailures: Error[] = [];
  /** When set, sendPost stores the message then throws (the answer was lost). */
  loseNextAnswer = false;
  findFails = false;
  private seq = 0;

  constructor(
    readonly name: PlatformName = 'slack',
    readonly limits: MessageLimits = { maxRequests: 20, maxChars: 30_000 },
    private readonly now: () => Date = () => new Date(),
  ) {}

  async start(inbound: Inbound): Promise<void> {
    this.inbound = inbound;
  }

  async stop(): Promise<void> {}

  ready(): boolean {
    return true;
  }

  async inspectChannel(channelId: string): Promise<ChannelInspection> {
    this.calls.push({ method: 'inspectChannel', args: [channelId] });
    return this.channels.get(channelId) ?? { state: 'ok', isPublic: false, externallyShared: false, outsiderViewers: [] };
  }

  async sendPost(part: PostPart, doc: PostDocument): Promise<SentMessage> {
    this.calls.push({ method: 'sendPost', args: [part.ledgerKey] });
    const failure = this.sendFailures.shift();
    if (failure) throw failure;
    this.seq += 1;
    const message: FakeMessage = { id: `m${this.seq}`, channelId: part.channel.id, ledgerKey: part.ledgerKey, doc, at: this.now(), deleted: false, ownReaction: false };
    this.messages.push(message);
    if (this.loseNextAnswer) {
      // The sender never heard back, so it never added its 🙏 either.
      this.loseNextAnswer = false;
      throw new PlatformError('timeout', 'the answer was lost');
    }
    message.ownReaction = true;
    return { messageId: message.id };
  }

  async findPost(channelId: string, ledgerKey: string, since: Date): Promise<SentMessage | null> {
    this.calls.push({ method: 'findPost', args: [channelId, ledgerKey] });
    if (this.findFails) throw new PlatformError('unavailable', 'history unavailable');
    const found = this.messages.find((m) => m.channelId === channelId && m.ledgerKey === ledgerKey && !m.deleted && m.at >= since);
    return found ? { messageId: found.id } : null;
  }

  async addOwnReaction(channelId: string, messageId: string): Promise<void> {
    this.calls.push({ method: 'addOwnReaction', args: [channelId, messageId] });
    const message = this.messages.find((m) => m.id === messageId && !m.deleted);
    if (message) message.ownReaction = true;
  }

  async editPost(channelId: string, messageId: string, doc: PostDocument): Promise<void> {
    this.calls.push({ method: 'editPost', args: [channelId, messageId] });
    const message = this.live(messageId);
    message.doc = doc;
  }

  async retirePost(channelId: string, messageId: string, mode: 'delete' | 'edit', notice: string): Promise<void> {
    this.calls.push({ method: 'retirePost', args: [channelId, messageId, mode] });
    const message = this.messages.find((m) => m.id === messageId && !m.deleted);
    // Already gone counts as retired (the port's rule).
    if (!message) return;
    if (mode === 'delete') message.deleted = true;
    else message.editedTo = notice;
    this.reactions.delete(messageId);
  }

  async readReactions(_channelId: string, messageId: string): Promise<ReactionHolder[]> {
    return this.reactions.get(messageId) ?? [];
  }

  async sendStaffText(channelId: string, text: string): Promise<void> {
    this.staffTexts.push({ channelId, text });
  }

  /** Messages not deleted, in a channel. */
  visible(channelId?: string): FakeMessage[] {
    return this.messages.filter((m) => !m.deleted && (channelId === undefined || m.channelId === channelId));
  }

  private live(messageId: string): FakeMessage {
    const message = this.messages.find((m) => m.id === messageId && !m.deleted);
    if (!message) throw new PlatformError('message_gone', `no message ${messageId}`);
    return message;
  }
}

/** A clock tests move by hand. */
export class FakeClock {
  constructor(private current: Date) {}
  now = (): Date => new Date(this.current);
  set(to: Date | string): void {
    this.current = new Date(to);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
