// Channel facts for the privacy guard, edits and retirement, reading 🙏 back, staff text.
import { describe, expect, it } from 'vitest';
import { harnessPerTest } from './harness.js';
import { doc, part, signal } from './samples.js';

const harness = harnessPerTest({ start: false });

describe('inspectChannel', () => {
  it('reports each channel as Slack describes it', async () => {
    const { slack, platform } = await harness();
    slack.addChannel({ id: 'C0PUBLIC1', name: 'general-prayer', isPrivate: false });
    slack.addChannel({ id: 'C0SHARED1', isExtShared: true });
    slack.addChannel({ id: 'C0PENDNG1', isPendingExtShared: true });
    slack.addChannel({ id: 'C0ORGSHR1', isOrgShared: true });
    slack.addChannel({ id: 'C0ARCHIV1', isArchived: true });
    slack.addChannel({ id: 'C0NOTIN01', isPrivate: true, isMember: false });
    slack.addChannel({ id: 'C0PUBOUT1', isPrivate: false, isMember: false });
    const facts = async (id: string) => {
      const { detail: _, ...rest } = await platform.inspectChannel(id);
      return rest;
    };
    const none: string[] = [];

    expect(await facts('C0STAFF01')).toEqual({ state: 'ok', isPublic: false, externallyShared: false, outsiderViewers: none });
    expect(await facts('C0PUBLIC1')).toEqual({ state: 'ok', isPublic: true, externallyShared: false, outsiderViewers: none });
    expect(await facts('C0SHARED1')).toEqual({ state: 'ok', isPublic: false, externallyShared: true, outsiderViewers: none });
    expect(await facts('C0PENDNG1')).toEqual({ state: 'ok', isPublic: false, externallyShared: true, outsiderViewers: none });
    // Shared between workspaces of one organisation is not Slack Connect.
    expect(await facts('C0ORGSHR1')).toEqual({ state: 'ok', isPublic: false, externallyShared: false, outsiderViewers: none });
    expect(await facts('C0ARCHIV1')).toMatchObject({ state: 'archived' });
    expect(await facts('C0GONE001')).toMatchObject({ state: 'missing' });
    // A private channel the bot was never invited to looks missing to it; doctor says how to fix it.
    expect(await platform.inspectChannel('C0NOTIN01')).toMatchObject({ state: 'missing', detail: expect.stringContaining('/invite') });
    expect(await facts('C0PUBOUT1')).toMatchObject({ state: 'no-access', isPublic: true });
  });

  it('reports missing scopes as no-access and an outage as a retryable error', async () => {
    const { slack, platform } = await harness({ fake: { scopes: ['chat:write', 'channels:read'] }, platform: { maxRetries: 0 } });
    expect(await platform.inspectChannel('C0STAFF01')).toMatchObject({ state: 'no-access', detail: expect.stringContaining('missing_scope') });
    slack.failNext('conversations.info', { kind: 'http', status: 502 });
    await expect(platform.inspectChannel('C0STAFF01')).rejects.toMatchObject({ code: 'unavailable', retryable: true });
  });
});

describe('editPost and retirePost', () => {
  it('edits a post in place, keeping its ledger key', async () => {
    const { slack, platform } = await harness();
    const { messageId } = await platform.sendPost(part(), doc(), signal());
    await platform.editPost('C0STAFF01', messageId, doc({ sections: [{ heading: 'Latin America', items: [{ text: 'Only the second request is left.' }] }] }));

    const m = slack.message('C0STAFF01', messageId)!;
    expect(JSON.stringify(m.blocks)).toContain('Only the second request is left.');
    expect(JSON.stringify(m.blocks)).not.toContain('community workshop');
    expect(m.text).toBe("Today's prayer: Latin America");
    expect(await platform.findPost('C0STAFF01', 'slack:C0STAFF01:2026-10-13:0', new Date(Date.now() - 60_000))).toEqual({ messageId });
  });

  it('retires by deleting; a message already gone counts as retired', async () => {
    const { slack, platform } = await harness();
    const { messageId } = await platform.sendPost(part(), doc(), signal());
    await platform.retirePost('C0STAFF01', messageId, 'delete', 'unused');
    expect(slack.messages('C0STAFF01')).toEqual([]);
    await expect(platform.retirePost('C0STAFF01', messageId, 'delete', 'unused')).resolves.toBeUndefined();
  });

  it('retires by editing to the notice: no request text, no blocks, no longer found as a post', async () => {
    const { slack, platform } = await harness();
    const { messageId } = await platform.sendPost(part(), doc(), signal());
    await platform.retirePost('C0STAFF01', messageId, 'edit', 'This prayer request has ended. Thank you for praying <!here>.');

    const m = slack.message('C0STAFF01', messageId)!;
    expect(m.text).toBe('This prayer request has ended. Thank you for praying &lt;!here&gt;.');
    expect(m.blocks).toBeUndefined();
    expect(slack.mentions('C0STAFF01', messageId)).toEqual([]);
    expect(await platform.findPost('C0STAFF01', 'slack:C0STAFF01:2026-10-13:0', new Date(Date.now() - 60_000))).toBeNull();
  });

  it('says message_gone when editing a deleted post, and channel_gone for a deleted channel', async () => {
    const { slack, platform } = await harness();
    const { messageId } = await platform.sendPost(part(), doc(), signal());
    await platform.retirePost('C0STAFF01', messageId, 'delete', '');
    await expect(platform.editPost('C0STAFF01', messageId, doc())).rejects.toMatchObject({ code: 'message_gone' });
    slack.deleteChannel('C0STAFF01');
    await expect(platform.retirePost('C0STAFF01', messageId, 'delete', '')).rejects.toMatchObject({ code: 'channel_gone' });
  });
});

describe('readReactions', () => {
  it('lists everyone holding any 🙏 variant — all of them, not the truncated list — except the bot', async () => {
    const { slack, platform } = await harness();
    const { messageId: ts } = await platform.sendPost(part(), doc(), signal());
    for (const user of ['U0VOLUNT1', 'U0VOLUNT2', 'U0VOLUNT3', 'U0VOLUNT4', 'U0VOLUNT5']) slack.react('C0STAFF01', ts, user, 'pray');
    slack.react('C0STAFF01', ts, 'U0VOLUNT6', 'pray::skin-tone-2');
    slack.react('C0STAFF01', ts, 'U0VOLUNT1', 'pray::skin-tone-5');
    slack.react('C0STAFF01', ts, 'U0VOLUNT7', 'heart');
    slack.react('C0STAFF01', ts, 'U0VOLUNT8', 'prayer_beads');

    const holders = await platform.readReactions('C0STAFF01', ts);

    expect(holders).toEqual([
      { userId: 'U0VOLUNT1', variant: 'pray' },
      { userId: 'U0VOLUNT2', variant: 'pray' },
      { userId: 'U0VOLUNT3', variant: 'pray' },
      { userId: 'U0VOLUNT4', variant: 'pray' },
      { userId: 'U0VOLUNT5', variant: 'pray' },
      { userId: 'U0VOLUNT6', variant: 'pray::skin-tone-2' },
      { userId: 'U0VOLUNT1', variant: 'pray::skin-tone-5' },
    ]);
    expect(slack.callsTo('reactions.get')[0]!.args).toMatchObject({ full: 'true' });
  });

  it('refuses to answer with a partial list rather than lose people', async () => {
    const { slack, platform } = await harness();
    const ts = slack.postAsBot('C0STAFF01', 'post');
    for (const user of ['U0VOLUNT1', 'U0VOLUNT2', 'U0VOLUNT3', 'U0VOLUNT4']) slack.react('C0STAFF01', ts, user, 'pray');
    slack.honourFull = false; // a Slack that truncates even with full=true

    await expect(platform.readReactions('C0STAFF01', ts)).rejects.toMatchObject({ code: 'unavailable', retryable: true });
  });

  it('answers message_gone for a deleted post', async () => {
    const { platform } = await harness();
    await expect(platform.readReactions('C0STAFF01', '1791234567.000100')).rejects.toMatchObject({ code: 'message_gone' });
  });
});

describe('sendStaffText', () => {
  it('sends plain escaped text without link previews', async () => {
    const { slack, platform } = await harness();
    await platform.sendStaffText('C0COORD01', 'Weekly tally: Latin America ████ 4 <!channel> https://example.org');

    const [m] = slack.messages('C0COORD01');
    expect(m!.text).toBe('Weekly tally: Latin America ████ 4 &lt;!channel&gt; https://example.org');
    expect(slack.mentions('C0COORD01', m!.ts)).toEqual([]);
    expect(slack.callsTo('chat.postMessage')[0]!.args).toMatchObject({ unfurl_links: 'false', unfurl_media: 'false', parse: 'none' });
  });
});
