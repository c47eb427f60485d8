// The one contract every ChatPlatform passes, each test something a person in the channel (or
// the core relying on the port) would notice. Run by one small file per platform:
// test/platforms/{slack,discord,console,recording}.test.ts.
//
// Each platform file hands over a `ContractSubject`: how to open a fresh "world" (the real
// platform, started, against its fake; a channel; ways to look at what the channel shows and
// to change things behind the bot's back) and which capabilities that world has. A test that
// needs a capability the platform has no notion of (the console shows no reactions, Slack has
// no per-role visibility) is not registered for it at all.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { postDocument } from '../../src/core/post-document.js';
import type { ChannelInspection, ChatPlatform, PostDocument } from '../../src/core/ports.js';
import { ledgerKeyOf, type LocalDate, type PostPart, type Region, type ScheduledRequest } from '../../src/core/types.js';

/** What a person sees of one message. */
export interface Shown {
  /** The title as displayed (Slack header, Discord's first embed title, the console's first line). */
  title: string;
  /** Everything readable in the message, as a reader reads it (escaping undone). */
  text: string;
  /** The notification / fallback text a lock screen shows; set where the platform has one. */
  notification?: string;
}

/** The world's optional hooks; a subject lists those it has in `can`. */
export interface WorldHooks {
  /** How many 🙏 of the bot's own the message carries. */
  ownReactions(messageId: string): Promise<number>;
  /** A post the bot sent whose sender died before adding its 🙏 (a recovered post). Its id. */
  sentWithoutReaction(part: PostPart, doc: PostDocument): Promise<string>;
  /** Who the message notifies or shows as a mention (`everyone`, a user, a role…). */
  mentions(messageId: string): Promise<string[]>;
  /** Someone else (a moderator, an admin) deletes the message. */
  deleteBehindBack(messageId: string): Promise<void>;
  /** Someone else posts a message carrying the post's marker (a copy, a lookalike). */
  postLookalike(part: PostPart, doc: PostDocument): Promise<void>;
  /** The channel (or its server) becomes public. */
  makePublic(): Promise<void>;
  /** The channel is shared with another organisation. */
  shareExternally(): Promise<void>;
  /** People outside the staff can see the channel; returns how the platform names them. */
  letOthersSee(): Promise<string[]>;
  /** The channel is deleted. */
  deleteChannel(): Promise<void>;
}

/** A hook the world provides, or `notification`: its `shown()` reports the notification text. */
export type Capability = keyof WorldHooks | 'notification';

/** What both real chat adapters (Slack and Discord) can express against their fakes. */
export const CHAT_ADAPTER_CAN = ['ownReactions', 'sentWithoutReaction', 'mentions', 'deleteBehindBack', 'postLookalike', 'makePublic', 'deleteChannel'] as const satisfies readonly Capability[];

export interface PlatformWorld extends Partial<WorldHooks> {
  /** The platform under test, started. */
  platform: ChatPlatform;
  /** A private staff channel the bot may post in. */
  channelId: string;
  /** What the channel shows of a message now; undefined when it is not there. */
  shown(messageId: string): Promise<Shown | undefined>;
  stop(): Promise<void>;
}

export interface ContractSubject {
  /** What the world can express; the suite registers only tests it can run. */
  can: readonly Capability[];
  open(): Promise<PlatformWorld>;
}

// The contract is about outbound calls: the platforms under test get an Inbound that does nothing.
export { quietInbound } from '../fakes/recording-inbound.js';

const DATE: LocalDate = '2026-10-12';
const WEEK: LocalDate = '2026-10-12';
const LATIN_AMERICA: Region = { id: 'latin-america', name: 'Latin America', aliases: [] };
const ASIA_PACIFIC: Region = { id: 'asia-pacific', name: 'Asia Pacific', aliases: [] };

/** Request text that tries to notify people, in both platforms' syntaxes. */
export const MENTION_ATTEMPTS = ['@everyone', '@here', '<@U123>', '<!channel>', '<@&123>', '<@112233445566778899>'];

function request(region: Region, n: number, text: string, title?: string): ScheduledRequest {
  const id = `${region.id}-${n}`;
  return {
    key: `${WEEK}/${id}`,
    week: WEEK,
    id,
    region: region.id,
    ...(title ? { title } : {}),
    text,
    audience: 'staff',
    postDate: DATE,
    expiresOn: '2026-10-26',
    expiresAt: new Date('2026-10-26T04:00:00Z'),
  };
}

const TRAINING = request(LATIN_AMERICA, 1, 'Pray for the team leading a training week for new staff in the capital.', 'Training week');
const JOURNEY = request(ASIA_PACIFIC, 1, 'Give thanks for a safe journey home for the field team after the floods.');

/** One part of the day's post to the world's channel, and its document as the core builds it. */
function post(world: PlatformWorld, options: { part?: number; partCount?: number; date?: LocalDate; requests?: ScheduledRequest[] } = {}): { part: PostPart; doc: PostDocument } {
  const date = options.date ?? DATE;
  const index = options.part ?? 0;
  const requests = options.requests ?? [TRAINING, JOURNEY];
  const regions = [LATIN_AMERICA, ASIA_PACIFIC].filter((r) => requests.some((q) => q.region === r.id));
  const part: PostPart = {
    date,
    postAt: new Date(`${date}T13:00:00Z`),
    week: WEEK,
    channel: { platform: world.platform.name, id: world.channelId, audience: 'staff', allowPublic: false },
    verse: { text: 'Seek justice, defend the oppressed.', reference: 'Isaiah 1:17' },
    sections: regions.map((region) => ({ region, requests: requests.filter((q) => q.region === region.id) })),
    part: index,
    partCount: options.partCount ?? 1,
    ledgerKey: ledgerKeyOf(world.platform.name, world.channelId, date, index),
  };
  return { part, doc: postDocument(part) };
}

function never(): AbortSignal {
  return new AbortController().signal;
}

/** The world's hook, which its subject promised. */
function hook<K extends keyof WorldHooks>(world: PlatformWorld, name: K): WorldHooks[K] {
  const found = world[name];
  if (!found) throw new Error(`the world declares "${name}" but does not provide it`);
  return found.bind(world) as WorldHooks[K];
}

/**
 * Asks until `accept` holds or a few seconds pass, then returns the last answer: a platform
 * that learns of changes from a gateway (Discord) sees them a moment later.
 */
async function settled(ask: () => Promise<ChannelInspection>, accept: (found: ChannelInspection) => boolean): Promise<ChannelInspection> {
  const until = Date.now() + 5_000;
  for (;;) {
    const found = await ask();
    if (accept(found) || Date.now() > until) return found;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function platformContract(name: string, subject: ContractSubject): void {
  const can = new Set<Capability>(subject.can);
  /** Registers the test only when the platform has every capability it needs. */
  const itWith = (needs: Capability[], title: string, body: () => Promise<void>): void => {
    if (needs.every((c) => can.has(c))) it(title, body);
  };
  /** A group of tests, registered only when one of them can be (an empty group is an error). */
  const whenAny = (needs: Capability[], title: string, body: () => void): void => {
    if (needs.some((c) => can.has(c))) describe(title, body);
  };

  describe(`${name}: ChatPlatform contract`, () => {
    let world: PlatformWorld;
    beforeEach(async () => {
      world = await subject.open();
    });
    afterEach(async () => {
      await world.stop();
    });

    describe('sendPost', () => {
      it('is ready once started, and posts a message the channel shows, its title naming the date', async () => {
        expect(world.platform.ready()).toBe(true);
        const { part, doc } = post(world);
        const sent = await world.platform.sendPost(part, doc, never());
        expect(sent.messageId).toEqual(expect.any(String));
        expect(sent.messageId).not.toBe('');
        const shown = await world.shown(sent.messageId);
        expect(shown).toBeDefined();
        expect(shown!.title).toContain('October 12, 2026');
        for (const q of [TRAINING, JOURNEY]) expect(shown!.text).toContain(q.text);
        expect(shown!.text).toContain('Training week');
        // The region's heading (the console prints headings in capitals).
        expect(shown!.text.toLowerCase()).toContain('latin america');
        expect(shown!.text).toContain('Isaiah 1:17');
      });

      it('gives each part of a split post its own message', async () => {
        const first = post(world, { part: 0, partCount: 2, requests: [TRAINING] });
        const second = post(world, { part: 1, partCount: 2, requests: [JOURNEY] });
        const a = await world.platform.sendPost(first.part, first.doc, never());
        const b = await world.platform.sendPost(second.part, second.doc, never());
        expect(a.messageId).not.toBe(b.messageId);
        expect((await world.shown(a.messageId))?.title).toContain('(1 of 2)');
        expect((await world.shown(b.messageId))?.title).toContain('(2 of 2)');
      });

      itWith(['notification'], 'notifies with generic text: the regions, never a request’s words', async () => {
        const { part, doc } = post(world);
        const sent = await world.platform.sendPost(part, doc, never());
        const notification = (await world.shown(sent.messageId))?.notification;
        expect(notification).toBeDefined();
        expect(notification).toContain('Latin America');
        for (const words of [TRAINING.text, 'training week', 'Training week', JOURNEY.text, 'floods']) {
          expect(notification).not.toContain(words);
        }
      });
    });

    whenAny(['ownReactions'], 'the bot’s own 🙏', () => {
      itWith(['ownReactions'], 'is on every post it sends', async () => {
        const { part, doc } = post(world);
        const sent = await world.platform.sendPost(part, doc, never());
        expect(await hook(world, 'ownReactions')(sent.messageId)).toBe(1);
      });

      itWith(['ownReactions', 'sentWithoutReaction'], 'is added once to a recovered post, however often it is asked', async () => {
        const { part, doc } = post(world);
        const messageId = await hook(world, 'sentWithoutReaction')(part, doc);
        expect(await hook(world, 'ownReactions')(messageId)).toBe(0);
        await world.platform.addOwnReaction(world.channelId, messageId);
        await world.platform.addOwnReaction(world.channelId, messageId);
        expect(await hook(world, 'ownReactions')(messageId)).toBe(1);
      });
    });

    describe('findPost', () => {
      it('finds the bot’s post of a ledger key sent since the instant, and nothing for a key never sent', async () => {
        const since = new Date(Date.now() - 5_000);
        const first = post(world, { part: 0, partCount: 2, requests: [TRAINING] });
        const second = post(world, { part: 1, partCount: 2, requests: [JOURNEY] });
        const a = await world.platform.sendPost(first.part, first.doc, never());
        const b = await world.platform.sendPost(second.part, second.doc, never());
        expect(await world.platform.findPost(world.channelId, first.part.ledgerKey, since)).toEqual({ messageId: a.messageId });
        expect(await world.platform.findPost(world.channelId, second.part.ledgerKey, since)).toEqual({ messageId: b.messageId });
        const other = post(world, { date: '2026-10-13' });
        expect(await world.platform.findPost(world.channelId, other.part.ledgerKey, since)).toBeNull();
      });

      it('does not take a post sent well before the instant for one sent since', async () => {
        const { part, doc } = post(world);
        await world.platform.sendPost(part, doc, never());
        const anHourLater = new Date(Date.now() + 3_600_000);
        expect(await world.platform.findPost(world.channelId, part.ledgerKey, anHourLater)).toBeNull();
      });

      itWith(['postLookalike'], 'ignores someone else’s message carrying the same marker', async () => {
        const since = new Date(Date.now() - 5_000);
        const { part, doc } = post(world);
        await hook(world, 'postLookalike')(part, doc);
        expect(await world.platform.findPost(world.channelId, part.ledgerKey, since)).toBeNull();
      });

      itWith(['deleteBehindBack'], 'finds nothing once someone deleted the post', async () => {
        const since = new Date(Date.now() - 5_000);
        const { part, doc } = post(world);
        const sent = await world.platform.sendPost(part, doc, never());
        await hook(world, 'deleteBehindBack')(sent.messageId);
        expect(await world.platform.findPost(world.channelId, part.ledgerKey, since)).toBeNull();
      });
    });

    describe('a post that is already gone', () => {
      it('is retired again without complaint (an earlier retirement’s answer was lost)', async () => {
        const { part, doc } = post(world);
        const sent = await world.platform.sendPost(part, doc, never());
        await world.platform.retirePost(world.channelId, sent.messageId, 'delete', 'This prayer request has ended.');
        await expect(world.platform.retirePost(world.channelId, sent.messageId, 'delete', 'This prayer request has ended.')).resolves.toBeUndefined();
        await expect(world.platform.retirePost(world.channelId, sent.messageId, 'edit', 'This prayer request has ended.')).resolves.toBeUndefined();
      });

      it('cannot be edited: message_gone', async () => {
        const { part, doc } = post(world);
        const sent = await world.platform.sendPost(part, doc, never());
        await world.platform.retirePost(world.channelId, sent.messageId, 'delete', 'This prayer request has ended.');
        await expect(world.platform.editPost(world.channelId, sent.messageId, doc)).rejects.toMatchObject({ code: 'message_gone' });
      });

      for (const mode of ['delete', 'edit'] as const) {
        itWith(['deleteBehindBack'], `counts as retired when someone else deleted it (retire by ${mode}), and stays gone`, async () => {
          const { part, doc } = post(world);
          const sent = await world.platform.sendPost(part, doc, never());
          await hook(world, 'deleteBehindBack')(sent.messageId);
          await expect(world.platform.retirePost(world.channelId, sent.messageId, mode, 'This prayer request has ended.')).resolves.toBeUndefined();
          expect(await world.shown(sent.messageId)).toBeUndefined();
        });
      }

      itWith(['deleteBehindBack'], 'cannot be edited when someone else deleted it: message_gone', async () => {
        const { part, doc } = post(world);
        const sent = await world.platform.sendPost(part, doc, never());
        await hook(world, 'deleteBehindBack')(sent.messageId);
        await expect(world.platform.editPost(world.channelId, sent.messageId, doc)).rejects.toMatchObject({ code: 'message_gone' });
        expect(await world.shown(sent.messageId)).toBeUndefined();
      });
    });

    describe('mentions in request text', () => {
      const hostile = request(LATIN_AMERICA, 2, `Pray for the volunteers ${MENTION_ATTEMPTS.join(' ')} this week.`, 'Hello <!here> @everyone');

      it('are shown as written', async () => {
        const { part, doc } = post(world, { requests: [hostile] });
        const sent = await world.platform.sendPost(part, doc, never());
        const shown = await world.shown(sent.messageId);
        expect(shown?.text).toContain(hostile.text);
        expect(shown?.text).toContain(hostile.title);
      });

      itWith(['mentions'], 'notify nobody and show as no mention', async () => {
        const { part, doc } = post(world, { requests: [hostile] });
        const sent = await world.platform.sendPost(part, doc, never());
        expect(await hook(world, 'mentions')(sent.messageId)).toEqual([]);
      });

      itWith(['mentions'], 'notify nobody after an edit either', async () => {
        const { part, doc } = post(world);
        const sent = await world.platform.sendPost(part, doc, never());
        const edited = post(world, { requests: [hostile] });
        await world.platform.editPost(world.channelId, sent.messageId, edited.doc);
        expect((await world.shown(sent.messageId))?.text).toContain(hostile.text);
        expect(await hook(world, 'mentions')(sent.messageId)).toEqual([]);
      });
    });

    describe('inspectChannel', () => {
      const inspect = () => world.platform.inspectChannel(world.channelId);

      it('reports a private staff channel as fine', async () => {
        expect(await inspect()).toMatchObject({ state: 'ok', isPublic: false, externallyShared: false, outsiderViewers: [] });
      });

      itWith(['makePublic'], 'reports a public channel as public', async () => {
        await hook(world, 'makePublic')();
        const found = await settled(inspect, (f) => f.isPublic);
        expect(found).toMatchObject({ state: 'ok', isPublic: true, externallyShared: false });
      });

      itWith(['shareExternally'], 'reports a channel shared with another organisation', async () => {
        await hook(world, 'shareExternally')();
        const found = await settled(inspect, (f) => f.externallyShared);
        expect(found).toMatchObject({ state: 'ok', isPublic: false, externallyShared: true, outsiderViewers: [] });
      });

      itWith(['letOthersSee'], 'names who outside the staff can see the channel', async () => {
        const outsiders = await hook(world, 'letOthersSee')();
        expect(outsiders.length).toBeGreaterThan(0);
        const found = await settled(inspect, (f) => f.outsiderViewers.length > 0);
        expect(found).toMatchObject({ state: 'ok', isPublic: false, externallyShared: false, outsiderViewers: outsiders });
      });

      itWith(['deleteChannel'], 'reports a deleted channel as missing', async () => {
        await hook(world, 'deleteChannel')();
        const found = await settled(inspect, (f) => f.state === 'missing');
        expect(found.state).toBe('missing');
      });
    });
  });
}
