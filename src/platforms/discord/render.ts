// PostDocument → Discord message bodies (embeds), within Discord's limits. Pure functions.
//
// Layout of a post (one message):
//   embed per request item  — the first carries `doc.title` (it names the date) as its title;
//                             the first item of each region carries the region as its author;
//                             an item's own title is a bold first line of its description.
//   last embed: the verse   — italic verse and reference as its description, `doc.footer` as
//                             its footer, and the ledger-key marker as its `url`.
//
// The marker: Discord returns a message's `nonce` only in the create answer, never when the
// messages are listed later, so a recovered claim could not recognise its message by nonce.
// The verse embed's `url` holds `https://prayerbot.invalid/post/<ledger key>` instead: an
// embed's url is shown only as a link on its title, and the verse embed never has a title,
// so the marker is invisible, survives edits (editPost keeps it) and comes back in
// `GET /channels/{id}/messages`. `.invalid` is a reserved name: the link goes nowhere.
import { createHash } from 'node:crypto';
import { ButtonStyle, ComponentType, type APIActionRowComponent, type APIButtonComponentWithCustomId, type APIEmbed, type RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import { CodedError } from '../../core/errors.js';
import type { MessageLimits, PostDocument, PrayAnswer } from '../../core/ports.js';

/** Discord's documented message and embed limits. */
export const DISCORD = {
  embedsPerMessage: 10,
  embedCharsPerMessage: 6_000,
  title: 256,
  description: 4_096,
  footer: 2_048,
  authorName: 256,
  content: 2_000,
  nonce: 25,
  customId: 100,
  buttonLabel: 80,
} as const;

/** What this renderer may spend outside request content, per message (see `POST_LIMITS`). */
const RESERVED = {
  /** doc.title on the first embed (truncated to Discord's title limit). */
  title: DISCORD.title,
  /** doc.footer ("React 🙏 when you have prayed. Part 2 of 3"); longer footers are cut. */
  footer: 256,
  /** verse text + reference + markup; a longer verse is shortened with "…" to fit. */
  verse: 1_000,
  /** `**` + `**\n` around an item title, per item. */
  itemMarkup: 5,
};

/**
 * Limits the core splits posts by. One embed per request and one for the verse: 9 requests.
 * Characters: 6,000 per message minus the title, footer and verse reserves and the markup,
 * rounded down: 4,400 — more than one request's maximum (2,800 + title + heading), so a
 * single request always fits one message.
 */
export const POST_LIMITS: MessageLimits = {
  maxRequests: DISCORD.embedsPerMessage - 1,
  maxChars: 4_400,
};
// Keep the arithmetic honest if a number above changes.
if (
  POST_LIMITS.maxChars +
    RESERVED.title +
    RESERVED.footer +
    RESERVED.verse +
    RESERVED.itemMarkup * POST_LIMITS.maxRequests >
  DISCORD.embedCharsPerMessage
) {
  throw new CodedError('bad_limits', 'POST_LIMITS do not fit Discord’s 6,000 embed characters');
}

const EMBED_COLOR = 0xd4a24c;
const MARKER_BASE = 'https://prayerbot.invalid/post/';

/** The Create Message nonce of a ledger key: ≤ 25 characters, the same on every retry. */
export function nonceOf(ledgerKey: string): string {
  return createHash('sha256').update(ledgerKey).digest('base64url').slice(0, DISCORD.nonce);
}

/** The invisible marker url carried by the verse embed of a post. */
export function markerUrl(ledgerKey: string): string {
  return MARKER_BASE + encodeURIComponent(ledgerKey);
}

/** The ledger key of a marker url, or undefined when the url is not a marker. */
export function ledgerKeyOfMarker(url: string | undefined): string | undefined {
  if (!url?.startsWith(MARKER_BASE)) return undefined;
  try {
    return decodeURIComponent(url.slice(MARKER_BASE.length));
  } catch {
    return undefined;
  }
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Characters Discord counts towards the 6,000 of a message. */
export function embedChars(embeds: APIEmbed[]): number {
  let n = 0;
  for (const e of embeds) {
    n += (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0);
    n += e.author?.name.length ?? 0;
    for (const f of e.fields ?? []) n += f.name.length + f.value.length;
  }
  return n;
}

/**
 * Text as Discord shows it without a mention: `allowed_mentions` already stops pings, but an
 * embed or a message still draws `<@id>`, `<@&id>` and `<#id>` as mention pills. A zero-width
 * space after the `@` (or `#`) breaks the syntax; the words read the same. Applied to every
 * piece of text the bot sends that a person or the plan wrote: request text and titles,
 * region headings, the verse, the post's title, footer and notification text, text answers
 * and staff texts (an alert can quote a broken request line).
 */
export function neutraliseMentions(text: string): string {
  return text.replace(/@(everyone|here)\b/g, '@\u200b$1').replace(/<([@#])(?=[!&]?\d+>)/g, '<$1\u200b');
}

function verseText(doc: PostDocument, maxVerse: number): string {
  const reference = `— ${neutraliseMentions(doc.verse.reference)}`;
  const room = Math.max(1, maxVerse - reference.length - 3);
  return `*${cut(neutraliseMentions(doc.verse.text.trim()), room)}*\n${reference}`;
}

/**
 * The embeds of a document: one per request item, then the verse embed.
 * `marker` (a ledger key) goes on the verse embed's url when given.
 */
export function renderEmbeds(doc: PostDocument, marker?: string): APIEmbed[] {
  const embeds: APIEmbed[] = [];
  for (const section of doc.sections) {
    section.items.forEach((item, i) => {
      const embed: APIEmbed = { color: EMBED_COLOR };
      if (embeds.length === 0) embed.title = cut(neutraliseMentions(doc.title), DISCORD.title);
      if (i === 0) embed.author = { name: cut(neutraliseMentions(section.heading), DISCORD.authorName) };
      const head = item.title ? `**${item.title}**\n` : '';
      embed.description = cut(neutraliseMentions(head + item.text), DISCORD.description);
      embeds.push(embed);
    });
  }
  if (embeds.length === 0) embeds.push({ color: EMBED_COLOR, title: cut(neutraliseMentions(doc.title), DISCORD.title) });

  const verse: APIEmbed = { color: EMBED_COLOR, description: verseText(doc, RESERVED.verse) };
  if (doc.footer) verse.footer = { text: cut(neutraliseMentions(doc.footer), RESERVED.footer) };
  if (marker) verse.url = markerUrl(marker);
  embeds.push(verse);

  // A verse longer than its reserve is shortened further only when the message would not fit.
  const over = embedChars(embeds) - DISCORD.embedCharsPerMessage;
  if (over > 0) {
    verse.description = verseText(doc, Math.max(40, (verse.description?.length ?? 0) - over));
  }
  return embeds;
}

/** A message Discord would refuse as too large, even after cutting what may be cut. */
export class RenderError extends CodedError<'too_large'> {
  constructor(message: string) {
    super('too_large', message);
  }
}

/** The Edit Message body of a post (`marker`: its ledger key). Throws RenderError if it cannot fit. */
export function postEditBody(
  doc: PostDocument,
  marker?: string,
): { content: string; embeds: APIEmbed[]; allowed_mentions: { parse: never[] }; components: PrayedButtonRow[] } {
  const embeds = renderEmbeds(doc, marker);
  checkFits(embeds);
  // Always sent, so an edit also removes a button the channel no longer wants.
  const components = doc.prayedButton ? [prayedButtonRow(doc.prayedButton)] : [];
  return { content: cut(neutraliseMentions(doc.fallback), DISCORD.content), embeds, allowed_mentions: { parse: [] }, components };
}

/** The custom_id of the "I prayed" button starts so; the rest names the post, never a person. */
export const PRAYED_CUSTOM_ID_PREFIX = 'prayed:';

type PrayedButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** `prayed:<ledger key>`, or a hash of the key when that would pass Discord's 100 characters. */
export function prayedCustomId(postKey: string): string {
  const id = PRAYED_CUSTOM_ID_PREFIX + postKey;
  if (id.length <= DISCORD.customId) return id;
  return PRAYED_CUSTOM_ID_PREFIX + createHash('sha256').update(postKey).digest('base64url');
}

/** The private "I prayed" button under a post: an action row with one button. */
export function prayedButtonRow(button: NonNullable<PostDocument['prayedButton']>): PrayedButtonRow {
  return {
    type: ComponentType.ActionRow,
    components: [{ type: ComponentType.Button, style: ButtonStyle.Secondary, label: cut(button.label, DISCORD.buttonLabel), custom_id: prayedCustomId(button.postKey) }],
  };
}

/** The Create Message body of one post part: the edit body, plus the nonce. */
export function postMessageBody(doc: PostDocument, ledgerKey: string): RESTPostAPIChannelMessageJSONBody {
  return { ...postEditBody(doc, ledgerKey), nonce: nonceOf(ledgerKey), enforce_nonce: true };
}

function checkFits(embeds: APIEmbed[]): void {
  if (embeds.length > DISCORD.embedsPerMessage) {
    throw new RenderError(`${embeds.length} embeds; Discord allows ${DISCORD.embedsPerMessage} per message`);
  }
  const chars = embedChars(embeds);
  if (chars > DISCORD.embedCharsPerMessage) {
    throw new RenderError(`${chars} embed characters; Discord allows ${DISCORD.embedCharsPerMessage} per message`);
  }
}

/** One message of an answer: text content or embeds. */
export interface AnswerMessage {
  content?: string;
  embeds?: APIEmbed[];
}

/** Splits text into pieces of at most `max` characters, at line breaks where possible. */
export function splitText(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let at = rest.lastIndexOf('\n', max);
    if (at < max / 2) at = max;
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at).replace(/^\n/, '');
  }
  if (rest.length > 0 || pieces.length === 0) pieces.push(rest);
  return pieces;
}

/** A plain text (an alert, a digest, a text answer) as message contents, mentions broken. */
export function staffTextMessages(text: string): string[] {
  return splitText(neutraliseMentions(text), DISCORD.content);
}

/** A `/pray` answer as one or more messages (the first is the reply, the rest follow-ups). */
export function renderAnswer(answer: PrayAnswer): AnswerMessage[] {
  if (answer.kind === 'text') {
    if (!answer.monospace) return staffTextMessages(answer.text || '…').map((content) => ({ content }));
    // A code block; a ``` inside the text would close it early, so break it with a zero-width space.
    const safe = answer.text.replaceAll('```', '`\u200b``');
    return splitText(safe, DISCORD.content - 8).map((piece) => ({ content: '```\n' + piece + '\n```' }));
  }
  const embeds = renderEmbeds(answer.doc);
  const messages: AnswerMessage[] = [];
  let current: APIEmbed[] = [];
  for (const embed of embeds) {
    const next = [...current, embed];
    if (current.length > 0 && (next.length > DISCORD.embedsPerMessage || embedChars(next) > DISCORD.embedCharsPerMessage)) {
      messages.push({ embeds: current });
      current = [embed];
    } else {
      current = next;
    }
  }
  messages.push({ embeds: current });
  return messages;
}
