// What Slack says about a channel (conversations.info), as the core's ChannelInspection:
// public or private, shared outside the organisation or not, reachable or not. Facts only;
// whether a channel may carry requests is the core's privacy guard.
import type { ChannelInspection } from '../../core/ports.js';
import type { BotClient } from './bot-client.js';
import { slackErrorCode, toPlatformError } from './calls.js';

export async function inspectChannel(client: BotClient, channelId: string): Promise<ChannelInspection> {
  try {
    const result = await client.call('conversations.info', { repeatable: true, deadline: client.deadline() }, (web) =>
      web.conversations.info({ channel: channelId }),
    );
    const c = result.channel ?? {};
    const name = c.name ? `#${c.name}` : channelId;
    const facts = {
      isPublic: c.is_private !== true,
      // Slack Connect. `is_shared` also flags channels shared inside one organisation: not the test.
      externallyShared: c.is_ext_shared === true || c.is_pending_ext_shared === true,
      outsiderViewers: [],
    };
    const sharing = c.is_ext_shared
      ? 'shared with another organisation'
      : c.is_pending_ext_shared
        ? 'invited to share with another organisation'
        : 'not shared outside the organisation';
    const described = `${name}: ${facts.isPublic ? 'public' : 'private'}, ${sharing}`;
    if (c.is_archived === true) return { state: 'archived', ...facts, detail: `${described}; archived` };
    if (c.is_member === false) {
      const invite = `/invite @${(await client.identity()).user}`;
      return { state: 'no-access', ...facts, detail: `${described}; the bot is not a member (invite it: ${invite})` };
    }
    return { state: 'ok', ...facts, detail: described };
  } catch (error) {
    const none = { isPublic: false, externallyShared: false, outsiderViewers: [] };
    if (slackErrorCode(error) === 'channel_not_found') {
      return { state: 'missing', ...none, detail: 'not found: deleted, or private and the bot was never invited (/invite the bot there)' };
    }
    const failure = toPlatformError('conversations.info', error);
    if (failure.code === 'forbidden') return { state: 'no-access', ...none, detail: failure.message };
    throw failure;
  }
}
