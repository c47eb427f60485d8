// The ChatPlatform contract for Discord: the real discord.js adapter, logged in over the fake
// gateway, against the fake Discord REST API.
import { markerUrl } from '../../src/platforms/discord/index.js';
import { P, overwrite, type FakeMessage } from '../fakes/discord-state.js';
import { RecordingInbound, platformFor, startWorld } from '../discord/helpers.js';
import { CHAT_ADAPTER_CAN, platformContract, type Shown } from './contract.js';

interface EmbedSeen {
  title?: string;
  description?: string;
  author?: { name?: string };
  footer?: { text?: string };
  fields?: Array<{ name?: string; value?: string }>;
}

/** Invisible characters a reader does not see (the zero-width space that breaks a mention). */
function readable(text: string): string {
  return text.replace(/\u200b/g, '');
}

function shownOf(m: FakeMessage): Shown {
  const embeds = m.embeds as EmbedSeen[];
  const texts = embeds.flatMap((e) => [e.author?.name, e.title, e.description, ...(e.fields ?? []).flatMap((f) => [f.name, f.value]), e.footer?.text]);
  return {
    title: embeds[0]?.title ?? '',
    text: readable([m.content, ...texts].filter((t): t is string => !!t).join('\n')),
    notification: m.content,
  };
}

/** Discord's mention syntax, as its client draws (and, in content, pings) it. */
const MENTION = /@(?:everyone|here)\b|<@[!&]?\d+>|<#\d+>/g;

/**
 * Who a message mentions: anything drawn as a mention in its content or embed text, and
 * `allowed_mentions` that would let content ping (missing, or not `parse: []`).
 */
function mentionsOf(m: FakeMessage): string[] {
  const embeds = m.embeds as EmbedSeen[];
  const drawn = [m.content, ...embeds.flatMap((e) => [e.description, ...(e.fields ?? []).map((f) => f.value)])];
  const found = drawn.flatMap((t) => [...(t ?? '').matchAll(MENTION)].map((x) => x[0]));
  if (JSON.stringify(m.allowed_mentions) !== JSON.stringify({ parse: [] })) found.push(`allowed_mentions ${JSON.stringify(m.allowed_mentions)}`);
  return found;
}

platformContract('discord', {
  can: [...CHAT_ADAPTER_CAN, 'letOthersSee'],
  async open() {
    const world = await startWorld();
    const { state } = world.discord;
    const platform = platformFor(world);
    await platform.start(new RecordingInbound());
    const channelId = world.staffChannel.id;
    return {
      platform,
      channelId,
      async shown(id) {
        const m = state.message(channelId, id);
        return m ? shownOf(m) : undefined;
      },
      async ownReactions(id) {
        const m = state.message(channelId, id);
        return (m?.reactions ?? []).filter((r) => r.emoji === '🙏' && r.normal.includes(state.bot.id)).length;
      },
      async sentWithoutReaction(part, doc) {
        return state.createMessage(channelId, { authorId: state.bot.id, content: doc.fallback, embeds: [{ title: doc.title, url: markerUrl(part.ledgerKey) }] }).id;
      },
      async mentions(id) {
        const m = state.message(channelId, id);
        return m ? mentionsOf(m) : [];
      },
      async deleteBehindBack(id) {
        state.deleteMessage(channelId, id);
      },
      async postLookalike(part, doc) {
        const someone = state.addMember(world.guild.id, { username: 'coordinator', roles: [world.staffRole.id] });
        state.createMessage(channelId, { authorId: someone.user.id, content: doc.fallback, embeds: [{ title: doc.title, url: markerUrl(part.ledgerKey) }] });
      },
      async makePublic() {
        state.setFeatures(world.guild.id, ['DISCOVERABLE']);
      },
      async letOthersSee() {
        state.setOverwrites(channelId, [...world.staffChannel.permission_overwrites, overwrite(world.volunteerRole.id, 'role', P.ViewChannel)]);
        return [`role @Volunteers (${world.volunteerRole.id})`];
      },
      async deleteChannel() {
        state.deleteChannel(channelId);
      },
      async stop() {
        await platform.stop();
        await world.discord.stop();
      },
    };
  },
});
