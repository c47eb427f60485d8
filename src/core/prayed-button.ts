// The private "I prayed" button. A press counts the person exactly like a 🙏 — the same HMAC
// under the week's key, so pressing and reacting count once — but unlike a reaction nobody
// else can see it: only the presser hears back. The next press takes it back. Presses are kept
// as one more variant of the person's "I prayed" (PRESS_VARIANT), which reaction snapshots
// leave alone, since no platform can list who pressed.
import { ENGLISH_LOCALE, type Messages } from '../i18n/index.js';
import type { CoreContext } from './context.js';
import { channelLocale } from './language.js';
import type { PrayedButtonAnswer, PrayedButtonPress } from './ports.js';
import { personHash, type ReactionLookups } from './reactions.js';

const english = ENGLISH_LOCALE.messages;

/** The button's label in English; a post carries it in its channel's language. */
export const PRAYED_BUTTON_LABEL = english.prayedButtonLabel;

/** What the presser reads (and nobody else), in English; a press is answered in its channel's language. */
export const PRAYED_TEXT = {
  counted: english.prayedCounted,
  takenBack: english.prayedTakenBack,
  takenBackReactionHolds: english.prayedTakenBackReactionHolds,
  retired: english.prayedRetired,
  notAPost: english.prayedNotAPost,
} as const;

export async function pressPrayedButton(ctx: CoreContext, lookups: ReactionLookups, press: PrayedButtonPress): Promise<PrayedButtonAnswer> {
  // The presser reads the language of the channel the post is in (an unlisted one: the config's).
  const { config } = ctx.plan();
  const channel = config.channels.find((c) => c.platform === press.platform && c.id === press.channelId);
  const m = channelLocale(config, channel ?? {}).messages;
  const refused = (reason: 'retired' | 'not_a_post'): PrayedButtonAnswer => refusal(m, reason);
  // Read from the store, not the reaction cache: the presser is told what happened, so a post
  // another replica has just retired must not look live here.
  const post = await ctx.store.findPostByMessage(press.platform, press.channelId, press.messageId);
  if (!post) return refused('not_a_post');
  if (post.state === 'retired' || post.state === 'retracted') return refused('retired');
  if (post.state !== 'sent') return refused('not_a_post');
  const key = await lookups.weekKey(ctx, post.week, post.sentAt);
  if (!key) return refused('retired'); // the week is forgotten: only counts remain
  const outcome = await ctx.store.togglePress(post.key, personHash(key, press.platform, press.userId), press.orderMicros);
  // Retired (or forgotten) between the read and the press.
  if (!outcome) return refused('retired');
  ctx.metrics.count('prayed_presses');
  if (outcome.pressed) return { counted: true, stillCountedByReaction: outcome.holdsReaction, text: m.prayedCounted };
  return {
    counted: false,
    stillCountedByReaction: outcome.holdsReaction,
    text: outcome.holdsReaction ? m.prayedTakenBackReactionHolds : m.prayedTakenBack,
  };
}

function refusal(m: Messages, reason: 'retired' | 'not_a_post'): PrayedButtonAnswer {
  return { refused: reason, text: reason === 'retired' ? m.prayedRetired : m.prayedNotAPost };
}
