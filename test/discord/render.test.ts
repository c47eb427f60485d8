// How answers and posts are cut to Discord's sizes (pure rendering).
import { expect, test } from 'vitest';
import { nonceOf, renderAnswer, renderEmbeds } from '../../src/platforms/discord/render.js';
import { discordEmojiOf, isVariantOf } from '../../src/platforms/discord/reactions.js';
import { sampleDoc } from './helpers.js';

test('a long text answer becomes several messages of at most 2,000 characters, cut at lines', () => {
  const lines = Array.from({ length: 200 }, (_, i) => `line ${i} ${'·'.repeat(20)}`);
  const messages = renderAnswer({ kind: 'text', text: lines.join('\n') });
  expect(messages.length).toBeGreaterThan(1);
  expect(messages.every((m) => m.content!.length <= 2_000)).toBe(true);
  expect(messages.map((m) => m.content).join('\n')).toBe(lines.join('\n'));
});

test('a monospace answer is a code block that its own backticks cannot close early', () => {
  const [message] = renderAnswer({ kind: 'text', text: 'a ``` b', monospace: true });
  expect(message!.content).toBe('```\na `\u200b`` b\n```');
});

test('a post answer with more than ten embeds is spread over messages', () => {
  const doc = sampleDoc();
  doc.sections = [{ heading: 'Global Office', items: Array.from({ length: 14 }, (_, i) => ({ text: `request ${i}` })) }];
  const messages = renderAnswer({ kind: 'post', doc });
  expect(messages.map((m) => m.embeds!.length)).toEqual([10, 5]);
});

test('the nonce is short, stable per ledger key and different between keys', () => {
  const a = nonceOf('discord:112233445566778899:2026-10-12:0');
  expect(a).toHaveLength(25);
  expect(nonceOf('discord:112233445566778899:2026-10-12:0')).toBe(a);
  expect(nonceOf('discord:112233445566778899:2026-10-12:1')).not.toBe(a);
});

test('no marker is put on an answer; a post without requests still has its title', () => {
  const doc = sampleDoc();
  expect(renderEmbeds(doc).some((e) => e.url)).toBe(false);
  doc.sections = [];
  const embeds = renderEmbeds(doc, 'discord:1:2026-10-12:0');
  expect(embeds.map((e) => Boolean(e.title))).toEqual([true, false]);
  expect(embeds[1]!.url).toBeDefined();
});

test('the reaction: pray is 🙏 in every skin tone, nothing else', () => {
  const pray = discordEmojiOf('pray');
  expect(pray).toBe('🙏');
  for (const v of ['🙏', '🙏🏻', '🙏🏼', '🙏🏽', '🙏🏾', '🙏🏿', '🙏\ufe0f']) expect(isVariantOf(pray, v)).toBe(true);
  for (const v of ['🙌', '🙏🙏', '🙏x', '', null]) expect(isVariantOf(pray, v)).toBe(false);
  expect(() => discordEmojiOf('thumbsup')).toThrow(/no Discord emoji/);
});
