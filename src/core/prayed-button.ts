// The private "I prayed" button. A press counts the person exactly like a 🙏 — the same HMAC
// under the week's key, so pressing and reacting count once — but unlike a reaction nobody
// else can see it: only the presser hears back. The next press takes it back. Presses are kept
// as one more variant of the person's "I prayed" (PRESS_VARIANT), which reaction snapshots
// leave alone, since no platform can list who pressed.
import type { CoreContext } from './context.js';
import type { PrayedButtonAnswer, PrayedButtonPress } from './ports.js';
import { personHash, type ReactionLookups } from './reactions.js';

/** The button's label on every post that carries it. */
export const PRAYED_BUTTON_LABEL = '🙏 I prayed';

/** What the presser reads (and nobody else). */
export const PRAYED_TEXT = {
  counted: 'Counted — thank you.',
  takenBack: 'Taken back: you are no longer counted for this post. Press again if you did pray.',
  takenBackReactionHolds: 'Your press is taken back, but the 🙏 you added to this post still counts — thank you.',
  retired: 'This prayer post has been retired, so nothing was counted. Thank you for praying.',
  notAPost: 'This is not a current prayer post, so nothing was counted.',
} as const;

function refused(reason: 'retired' | 'not_a_post'): PrayedButtonAnswer {
  return { refused: reason, text: reason === 'retired' ? PRAYED_TEXT.retired : PRAYED_TEXT.notAPost };
}

export async function pressPrayedButton(ctx: CoreContext, lookups: ReactionLookups, press: PrayedButtonPress): Promise<PrayedButtonAnswer> {
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
  if (outcome.pressed) return { counted: true, stillCountedByReaction: outcome.holdsReaction, text: PRAYED_TEXT.counted };
  return {
    counted: false,
    stillCountedByReaction: outcome.holdsReaction,
    text: outcome.holdsReaction ? PRAYED_TEXT.takenBackReactionHolds : PRAYED_TEXT.takenBack,
  };
}
