// How much of a day's post fits one message on each platform. The plan splits a post
// between requests (never inside one: a request's text is at most 2,800 characters) so that
// each part stays inside these. Adapters use the same values for their `limits`.
import type { MessageLimits } from '../ports.js';
import type { PlatformName } from '../types.js';

export const MESSAGE_LIMITS: Record<PlatformName, MessageLimits> = {
  // Block Kit allows 50 blocks a message: a header, a heading block per region, a section per
  // request, the verse and a footer. 20 requests (+ at most 20 headings + 3) stay under 50;
  // each section's text is at most 3,000 characters, so the total is bounded by the blocks.
  slack: { maxRequests: 20, maxChars: 30_000 },
  // Discord allows 10 embeds and 6,000 characters across all embeds of a message. One embed
  // per request (9, leaving one for the verse), and 4,500 characters of headings, titles and
  // text, leaving 1,500 for the title, the verse and the footer.
  discord: { maxRequests: 9, maxChars: 4_500 },
  // The terminal has no limit.
  console: { maxRequests: Number.MAX_SAFE_INTEGER, maxChars: Number.MAX_SAFE_INTEGER },
};
