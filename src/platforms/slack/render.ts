// PostDocument → Slack Block Kit, and the escaping that keeps request text from mentioning
// anyone. Pure functions: no client, no clock.
import type { types } from '@slack/bolt';
import type { MessageLimits, PostDocument, PrayAnswer } from '../../core/ports.js';

export type KnownBlock = types.KnownBlock;

/** Slack's documented limits, and the total observed to fail (msg_blocks_too_long ≈ 13,200). */
export const SLACK_MAX_BLOCKS = 50;
export const SLACK_MAX_SECTION_TEXT = 3000;
export const SLACK_MAX_HEADER_TEXT = 150;

/**
 * What one message can hold, with margin. Each request costs at most two blocks (its region
 * heading and itself) and there are at most four fixed blocks (header, verse, footer, the
 * "I prayed" button): 20 requests need ≤ 44 of the 50, leaving room for the rare request whose escaped text (`&` → `&amp;`)
 * outgrows 3,000 characters and takes a second section. 10,000 characters of headings, titles
 * and text, plus the title, verse and footer, stay under the ~13,200 total Slack accepts.
 */
export const SLACK_LIMITS: MessageLimits = { maxRequests: 20, maxChars: 10_000 };

/**
 * Escapes the three characters Slack's mrkdwn treats as control characters. That turns
 * `<!channel>`, `<!here>`, `<!everyone>`, `<@U…>`, `<#C…>`, `<!subteam^…>` and `<url|label>`
 * into literal text. Plain `@here` is left alone: it only mentions where names are linked,
 * and every text we send has `verbatim: true` / `link_names: false` / `parse: 'none'`.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapedLength(ch: string): number {
  return ch === '&' ? 5 : ch === '<' || ch === '>' ? 4 : ch.length;
}

/**
 * Splits raw text into pieces whose escaped form fits `max`, preferring to cut at a line
 * break or space, never inside an escape or a surrogate pair.
 */
export function splitForEscapedLimit(text: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    let used = 0;
    let end = 0;
    let lastBreak = -1;
    for (const ch of rest) {
      const cost = escapedLength(ch);
      if (used + cost > max) break;
      used += cost;
      end += ch.length;
      if (ch === '\n' || ch === ' ') lastBreak = end;
    }
    if (end >= rest.length) {
      pieces.push(rest);
      break;
    }
    const cut = lastBreak > 0 ? lastBreak : end;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  return pieces;
}

function truncate(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

function mrkdwn(text: string): types.MrkdwnElement {
  // verbatim: Slack must not turn names, channels or URLs in the text into links/mentions.
  return { type: 'mrkdwn', text, verbatim: true };
}

/** Escapes raw text and cuts it so an escaped piece never exceeds `max` characters. */
function escapedWithin(text: string, max: number): string {
  return escapeMrkdwn(splitForEscapedLimit(text, max)[0] ?? '');
}

/** Block Kit for a post (and for `/pray` answers of kind `post`). */
export function renderPostBlocks(doc: PostDocument): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(doc.title, SLACK_MAX_HEADER_TEXT), emoji: true } },
  ];
  for (const section of doc.sections) {
    blocks.push({ type: 'section', text: mrkdwn(`*${escapedWithin(section.heading, SLACK_MAX_SECTION_TEXT - 2)}*`) });
    for (const item of section.items) {
      const title = item.title ? `*${escapedWithin(item.title, 500)}*\n` : '';
      const pieces = splitForEscapedLimit(item.text, SLACK_MAX_SECTION_TEXT - title.length);
      const rest = pieces.slice(1).join('');
      blocks.push({ type: 'section', text: mrkdwn(title + escapeMrkdwn(pieces[0] ?? '')) });
      for (const piece of splitForEscapedLimit(rest, SLACK_MAX_SECTION_TEXT)) {
        blocks.push({ type: 'section', text: mrkdwn(escapeMrkdwn(piece)) });
      }
    }
  }
  const verse = `“${doc.verse.text.replace(/\s+/g, ' ').trim()}” — ${doc.verse.reference}`;
  blocks.push({ type: 'context', elements: [mrkdwn(escapedWithin(verse, SLACK_MAX_SECTION_TEXT))] });
  if (doc.footer) {
    blocks.push({ type: 'context', elements: [mrkdwn(escapedWithin(doc.footer, SLACK_MAX_SECTION_TEXT))] });
  }
  return blocks;
}

/** The message arguments shared by posts and edits: generic fallback, nothing linked. */
export function renderPostMessage(doc: PostDocument): { text: string; blocks: KnownBlock[] } {
  const blocks = renderPostBlocks(doc);
  if (doc.prayedButton) blocks.push(prayedButtonBlock(doc.prayedButton));
  return { text: escapeMrkdwn(doc.fallback), blocks };
}

/** The action id of the "I prayed" button; its value names the post (`prayed:<ledger key>`), never a person. */
export const PRAYED_ACTION_ID = 'prayerbot_prayed';
export const PRAYED_VALUE_PREFIX = 'prayed:';

/** The private "I prayed" button under a post. */
export function prayedButtonBlock(button: NonNullable<PostDocument['prayedButton']>): KnownBlock {
  return {
    type: 'actions',
    block_id: PRAYED_ACTION_ID,
    elements: [
      {
        type: 'button',
        action_id: PRAYED_ACTION_ID,
        text: { type: 'plain_text', text: truncate(button.label, 75), emoji: true },
        value: PRAYED_VALUE_PREFIX + button.postKey,
      },
    ],
  };
}

/** Plain staff text (tallies, alerts): escaped so it can mention no one. */
export function renderStaffText(text: string, monospace = false): string {
  const escaped = escapeMrkdwn(text);
  return monospace ? `\`\`\`\n${escaped}\n\`\`\`` : escaped;
}

export interface EphemeralAnswer {
  response_type: 'ephemeral';
  text: string;
  blocks?: KnownBlock[];
  unfurl_links?: boolean;
  unfurl_media?: boolean;
}

/** A `/pray` answer, only for the caller's eyes. */
export function renderPrayAnswer(answer: PrayAnswer): EphemeralAnswer {
  if (answer.kind === 'post') {
    // A copy for one person: no "I prayed" button (a press counts on the post itself).
    return { response_type: 'ephemeral', text: escapeMrkdwn(answer.doc.fallback), blocks: renderPostBlocks(answer.doc) };
  }
  return { response_type: 'ephemeral', text: renderStaffText(answer.text, answer.monospace === true), ...(answer.noPreview ? { unfurl_links: false, unfurl_media: false } : {}) };
}

/**
 * Slack `ts`/`event_ts` (`"1712345678.000100"`) → integer microseconds, parsed as digits so
 * no float rounding creeps in. Undefined when it is not such a string.
 */
export function slackTsToMicros(ts: string): number | undefined {
  const m = /^(\d{1,12})(?:\.(\d{1,9}))?$/.exec(ts);
  if (!m) return undefined;
  const micros = ((m[2] ?? '') + '000000').slice(0, 6);
  return Number(m[1]) * 1_000_000 + Number(micros);
}

/** A Date → Slack's `oldest`/`latest` form (seconds with six decimals). */
export function dateToSlackTs(date: Date): string {
  const ms = date.getTime();
  const sec = Math.floor(ms / 1000);
  return `${sec}.${String((ms - sec * 1000) * 1000).padStart(6, '0')}`;
}
