// Fictional posts for the Slack adapter tests.
import type { PostDocument } from '../../src/core/ports.js';
import type { ChannelConfig, PostPart } from '../../src/core/types.js';

export const STAFF: ChannelConfig = { platform: 'slack', id: 'C0STAFF01', audience: 'staff', allowPublic: false };

export function part(channel: ChannelConfig = STAFF, date = '2026-10-13', index = 0): PostPart {
  return {
    date,
    postAt: new Date(`${date}T13:00:00Z`),
    week: '2026-10-12',
    channel,
    verse: { text: 'Seek justice, defend the oppressed.', reference: 'Isaiah 1:17' },
    sections: [],
    part: index,
    partCount: 1,
    ledgerKey: `slack:${channel.id}:${date}:${index}`,
  };
}

export function doc(overrides: Partial<PostDocument> = {}): PostDocument {
  return {
    title: 'Prayer for Tuesday, October 13',
    fallback: "Today's prayer: Latin America",
    sections: [
      {
        heading: 'Latin America',
        items: [
          { title: 'Fictional Field Office', text: 'Please pray for the fictional team preparing a community workshop.' },
          { text: 'Give thanks for a (fictional) partner who joined this month.' },
        ],
      },
    ],
    verse: { text: 'Seek justice,\n defend the oppressed.', reference: 'Isaiah 1:17' },
    footer: 'React 🙏 when you have prayed.',
    ...overrides,
  };
}

export function signal(): AbortSignal {
  return new AbortController().signal;
}
