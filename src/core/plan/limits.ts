// How much of a day's post fits one message on each platform. The plan splits a post
// between requests (never inside one: a request's text is at most 2,800 characters) so that
// each part stays inside these. `preview` splits with these values, so they must equal what
// each adapter reports as its `limits` (the adapters' renderers explain the arithmetic:
// src/platforms/slack/render.ts SLACK_LIMITS, src/platforms/discord/render.ts POST_LIMITS).
import type { MessageLimits } from '../ports.js';
import type { PlatformName } from '../types.js';

export const MESSAGE_LIMITS: Record<PlatformName, MessageLimits> = {
  // 50 blocks a message: at most two per request (heading, section) plus header, verse and
  // footer; ~13,200 characters of blocks in total is what Slack accepts.
  slack: { maxRequests: 20, maxChars: 10_000 },
  // 10 embeds (one per request, one for the verse) and 6,000 characters across them, less
  // the title, verse and footer reserves.
  discord: { maxRequests: 9, maxChars: 4_400 },
  // The terminal has no limit.
  console: { maxRequests: Number.MAX_SAFE_INTEGER, maxChars: Number.MAX_SAFE_INTEGER },
};
