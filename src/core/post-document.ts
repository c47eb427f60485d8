// One part of a day's post as a platform-neutral document. Adapters render it as Block Kit,
// embeds or terminal text. The title names the date, so every message can be recognised as
// that day's post; the fallback (notifications, lock screens) names only regions — never a
// request's words.
import type { PostDocument } from './ports.js';
import { PRAYED_BUTTON_LABEL } from './prayed-button.js';
import { formatLongDate } from './time.js';
import type { PostPart } from './types.js';

export const REACT_FOOTER = 'React 🙏 when you have prayed.';

/** " (2 of 3)" for a part of a split post, "" for a whole one. */
export function partSuffix(part: Pick<PostPart, 'part' | 'partCount'>): string {
  return part.partCount > 1 ? ` (${part.part + 1} of ${part.partCount})` : '';
}

/** "Prayer for Tuesday, October 13, 2026", plus " (2 of 3)" for a part. */
export function postTitle(part: Pick<PostPart, 'date' | 'part' | 'partCount'>): string {
  return `Prayer for ${formatLongDate(part.date)}${partSuffix(part)}`;
}

/**
 * "Today's prayer: Latin America"; several regions are joined with ", " (region names may
 * themselves hold "&", as in "Africa & Europe").
 */
export function postFallback(part: Pick<PostPart, 'sections' | 'part' | 'partCount'>): string {
  const names = part.sections.map((s) => s.region.name);
  return `Today's prayer: ${names.join(', ')}${partSuffix(part)}`;
}

export function postDocument(part: PostPart): PostDocument {
  return {
    title: postTitle(part),
    fallback: postFallback(part),
    sections: part.sections.map((section) => ({
      heading: section.region.name,
      items: section.requests.map((r) => {
        const text = r.text.trim();
        const title = r.title?.trim();
        return title ? { title, text } : { text };
      }),
    })),
    verse: { text: part.verse.text.trim(), reference: part.verse.reference.trim() },
    footer: REACT_FOOTER,
    ...(part.channel.prayedButton ? { prayedButton: { label: PRAYED_BUTTON_LABEL, postKey: part.ledgerKey } } : {}),
  };
}
