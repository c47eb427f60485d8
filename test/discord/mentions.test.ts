// Mentions written into a plan (request text and titles, region names, the verse) or quoted by
// a staff text render as plain text on Discord: no pill, no ping, the words still readable.
import { expect, test } from 'vitest';
import type { PostDocument } from '../../src/core/ports.js';
import { postMessageBody, renderAnswer, renderEmbeds } from '../../src/platforms/discord/render.js';
import { livePerTest } from './helpers.js';

/** Discord's mention syntax, as its client draws it. */
const MENTION = /@(?:everyone|here)\b|<@[!&]?\d+>|<#\d+>/g;
const HOSTILE = '@everyone @here <@112233445566778899> <@!112233445566778899> <@&223344556677889900> <#334455667788990011>';

const readable = (text: string) => text.replace(/\u200b/g, '');
const mentionsIn = (texts: Array<string | undefined>) => texts.flatMap((t) => [...(t ?? '').matchAll(MENTION)].map((m) => m[0]));

function hostileDoc(): PostDocument {
  return {
    title: `Prayer for Monday, October 12, 2026 ${HOSTILE}`,
    fallback: `Today's prayer: Latin America ${HOSTILE}`,
    sections: [
      {
        heading: `Latin America ${HOSTILE}`,
        items: [{ title: `Training week ${HOSTILE}`, text: `Pray for the training team. ${HOSTILE}` }],
      },
    ],
    verse: { text: `Seek justice, defend the oppressed. ${HOSTILE}`, reference: `Isaiah 1:17 ${HOSTILE}` },
    footer: `React 🙏 when you have prayed. ${HOSTILE}`,
  };
}

test('every text of a post — title, region heading, request title and text, verse, footer, notification — shows no mention', () => {
  const body = postMessageBody(hostileDoc(), 'discord:1:2026-10-12:0');
  const embeds = body.embeds ?? [];
  const texts = [body.content, ...embeds.flatMap((e) => [e.title, e.author?.name, e.description, e.footer?.text, ...(e.fields ?? []).flatMap((f) => [f.name, f.value])])];
  expect(mentionsIn(texts)).toEqual([]);
  // The words are all still there.
  const shown = readable(texts.filter(Boolean).join('\n'));
  expect(shown).toContain(`Latin America ${HOSTILE}`);
  expect(shown).toContain(`Training week ${HOSTILE}`);
  expect(shown).toContain(`Seek justice, defend the oppressed. ${HOSTILE}`);
  expect(shown).toContain(`React 🙏 when you have prayed. ${HOSTILE}`);
  expect(readable(embeds[0]!.title!)).toBe(`Prayer for Monday, October 12, 2026 ${HOSTILE}`);
});

test('a post shown as a /pray answer, and a text answer, show no mention', () => {
  const answer = renderAnswer({ kind: 'post', doc: hostileDoc() });
  expect(mentionsIn(answer.flatMap((m) => (m.embeds ?? []).flatMap((e) => [e.title, e.author?.name, e.description, e.footer?.text])))).toEqual([]);
  expect(renderEmbeds(hostileDoc()).length).toBe(2);
  const [text] = renderAnswer({ kind: 'text', text: `No request matches ${HOSTILE}` });
  expect(mentionsIn([text!.content])).toEqual([]);
  expect(readable(text!.content!)).toBe(`No request matches ${HOSTILE}`);
});

const live = livePerTest();

test('a staff text quoting a mention (an alert about a broken request line) shows none', async () => {
  const { world, platform } = await live.setUp();
  const channelId = world.staffChannel.id;
  const alert = `⚠️ An edit to the plan has errors:\nprompts/2026-10-12.yaml:8:13: unknown region "x" in "Pray ${HOSTILE}"`;
  await platform.sendStaffText(channelId, alert);
  const [message] = world.discord.state.messages(channelId);
  expect(mentionsIn([message!.content])).toEqual([]);
  expect(readable(message!.content)).toBe(alert);
  expect(message!.allowed_mentions).toEqual({ parse: [] });
});
