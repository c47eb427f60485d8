// Which Discord emoji count as the configured reaction, and how their variants are named.
// Variant names: the emoji itself for a normal reaction ('🙏', '🙏🏽') and `burst:` + the emoji
// for a burst (super) reaction ('burst:🙏🏽'). The gateway events and readReactions use the
// same names, so the core's per-variant state lines up.
import { CodedError } from '../../core/errors.js';

/** Neutral reaction names (config `reaction:`) → the Discord emoji. */
const NEUTRAL_EMOJI: Record<string, string> = {
  pray: '🙏',
  folded_hands: '🙏',
};

/** The Discord emoji of a neutral reaction name; an emoji given as such is used as is. */
export function discordEmojiOf(reaction: string): string {
  const mapped = NEUTRAL_EMOJI[reaction];
  if (mapped) return mapped;
  if (/^[\x20-\x7e]+$/.test(reaction)) {
    throw new CodedError('no_discord_emoji', `reaction "${reaction}" has no Discord emoji; use one of: ${Object.keys(NEUTRAL_EMOJI).join(', ')}`);
  }
  return reaction;
}

const SKIN_TONE = /^[\u{1f3fb}-\u{1f3ff}]$/u;

/** True when `name` is `base`, optionally with VS16 and/or one skin-tone modifier. */
export function isVariantOf(base: string, name: string | null | undefined): boolean {
  if (!name || !name.startsWith(base)) return false;
  const rest = name.slice(base.length).replace(/^\ufe0f/, '');
  return rest === '' || SKIN_TONE.test(rest);
}

export function variantName(emojiName: string, burst: boolean): string {
  return burst ? `burst:${emojiName}` : emojiName;
}
