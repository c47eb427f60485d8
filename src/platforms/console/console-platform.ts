// The console chat: the bot's platform when no token is set. Posts print to the terminal;
// lines typed there act as one user (`/pray latin america`, `react`, `unreact`, `/pray stats`).
// Its reactions go through the same core path as Slack's and Discord's.
import { createInterface, type Interface } from 'node:readline';
import { MESSAGE_LIMITS } from '../../core/plan/limits.js';
import { PlatformError, type ChannelInspection, type ChatPlatform, type Clock, type Inbound, type PostDocument, type PrayAnswer, type ReactionHolder, type SentMessage } from '../../core/ports.js';
import { renderText } from '../../core/render-text.js';
import type { PostPart } from '../../core/types.js';

export const CONSOLE_CHANNEL = 'console';
const CONSOLE_USER = 'console-user';
const VARIANT = 'pray';

export interface ConsoleOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  clock: Clock;
}

export class ConsolePlatform implements ChatPlatform {
  readonly name = 'console' as const;
  readonly limits = MESSAGE_LIMITS.console;
  private inbound?: Inbound;
  private lines?: Interface;
  private sent = 0;
  /** The post `react` applies to: the last one shown. */
  private current?: string;
  private readonly holders = new Map<string, Set<string>>();
  /** Posts printed by this process: a post can be found, and is retired once. */
  private readonly posts = new Map<string, { ledgerKey: string; at: Date; retired: boolean }>();
  private lastMicros = 0;
  private pending: Promise<void> = Promise.resolve();
  private openInput: () => void = () => undefined;
  private readonly opened = new Promise<void>((resolve) => (this.openInput = resolve));
  /** Printed above every post, e.g. `REPLAY of 2026-11-19`. */
  heading: string | undefined;

  constructor(private readonly options: ConsoleOptions) {}

  private print(text: string): void {
    this.options.output.write(`${text}\n`);
  }

  async start(inbound: Inbound): Promise<void> {
    this.inbound = inbound;
    this.lines = createInterface({ input: this.options.input, terminal: false });
    // Lines are handled one after another, in the order typed — once the bot says it is
    // ready (lines typed earlier wait for that).
    this.lines.on('line', (line) => {
      this.pending = this.pending
        .then(() => this.opened)
        .then(() => this.handle(line.trim()))
        .catch((error: unknown) => {
          this.print(`(error: ${error instanceof Error ? error.message : String(error)})`);
        });
    });
  }

  /** Starts answering what is typed (called once the ready line is printed). */
  open(): void {
    this.openInput();
  }

  async stop(): Promise<void> {
    this.lines?.close();
    this.openInput();
    await this.pending;
  }

  ready(): boolean {
    return this.inbound !== undefined;
  }

  /** Shows a post already in the ledger again (a restart on a day already posted). */
  show(doc: PostDocument, messageId: string, heading = this.heading): void {
    this.current = messageId;
    this.print(this.render(doc, heading));
  }

  private render(doc: PostDocument, heading?: string): string {
    const body = renderText(doc);
    return heading ? `── ${heading} ──\n${body}` : body;
  }

  private nextMicros(): number {
    this.lastMicros = Math.max(this.lastMicros + 1, this.options.clock.now().getTime() * 1000);
    return this.lastMicros;
  }

  private async handle(line: string): Promise<void> {
    if (!line || !this.inbound) return;
    if (line === 'react' || line === 'unreact') {
      if (!this.current) {
        this.print('There is no post to react to yet.');
        return;
      }
      const present = line === 'react';
      const set = this.holders.get(this.current) ?? new Set<string>();
      if (present) set.add(CONSOLE_USER);
      else set.delete(CONSOLE_USER);
      this.holders.set(this.current, set);
      await this.inbound.reaction({ platform: 'console', channelId: CONSOLE_CHANNEL, messageId: this.current, userId: CONSOLE_USER, variant: VARIANT, present, orderMicros: this.nextMicros() });
      this.print(present ? '🙏 Thank you for praying.' : 'Your 🙏 is removed.');
      return;
    }
    if (line === 'help' || line === '?') {
      this.print('Type /pray, /pray <region>, /pray week, /pray stats, react, unreact. Ctrl-C stops the bot.');
      return;
    }
    if (line === '/pray' || line.startsWith('/pray ')) {
      const answer = await this.inbound.pray({ platform: 'console', channelId: CONSOLE_CHANNEL, userId: CONSOLE_USER, roleIds: [], text: line.slice('/pray'.length) });
      this.print(this.renderAnswer(answer));
      return;
    }
    this.print(`Unknown: "${line}". Type help.`);
  }

  private renderAnswer(answer: PrayAnswer): string {
    return answer.kind === 'text' ? answer.text : this.render(answer.doc);
  }

  async inspectChannel(): Promise<ChannelInspection> {
    // The terminal is as private as the machine it runs on.
    return { state: 'ok', isPublic: false, externallyShared: false, outsiderViewers: [] };
  }

  async sendPost(part: PostPart, doc: PostDocument): Promise<SentMessage> {
    this.sent += 1;
    const at = this.options.clock.now();
    const messageId = `${part.ledgerKey}#${at.getTime()}-${this.sent}`;
    this.posts.set(messageId, { ledgerKey: part.ledgerKey, at, retired: false });
    this.show(doc, messageId, this.heading);
    this.print('(type "react" when you have prayed, "/pray help" for more)');
    return { messageId };
  }

  async addOwnReaction(): Promise<void> {
    // The terminal shows no reactions of the bot's own.
  }

  async findPost(_channelId: string, ledgerKey: string, since: Date): Promise<SentMessage | null> {
    // Only this process's prints: a crash between printing and recording leaves nothing to
    // find after the restart, and printing again is harmless.
    for (const [messageId, post] of this.posts) {
      if (post.ledgerKey === ledgerKey && !post.retired && post.at >= since) return { messageId };
    }
    return null;
  }

  async editPost(_channelId: string, messageId: string, doc: PostDocument): Promise<void> {
    if (this.posts.get(messageId)?.retired) throw new PlatformError('message_gone', 'console: that post was already retired');
    this.print(this.render(doc, 'edited: some requests expired'));
  }

  async retirePost(_channelId: string, messageId: string, _mode: 'delete' | 'edit', notice: string): Promise<void> {
    const post = this.posts.get(messageId);
    // Already retired counts as retired: say it once.
    if (post?.retired) return;
    if (post) post.retired = true;
    this.holders.delete(messageId);
    if (this.current === messageId) this.current = undefined;
    this.print(`── retired ── ${notice}`);
  }

  async readReactions(_channelId: string, messageId: string): Promise<ReactionHolder[]> {
    return [...(this.holders.get(messageId) ?? [])].map((userId) => ({ userId, variant: VARIANT }));
  }

  async sendStaffText(_channelId: string, text: string): Promise<void> {
    this.print(`[to staff] ${text}`);
  }
}
