// Alerts to staff: de-duplicated through the store (once across restarts and replicas),
// sent to every `staff_report` channel whose platform runs here, each in its own language.
import { ENGLISH_LOCALE } from '../i18n/index.js';
import type { CoreContext } from './context.js';
import { reportLocale, type Locale } from './language.js';

/** What staff are told: fixed text, or text written in each report channel's language. */
export type StaffText = string | ((locale: Locale) => string);

function textIn(text: StaffText, locale: Locale): string {
  return typeof text === 'string' ? text : text(locale);
}

/** Sends `text` to staff unless an alert with this `key` was already raised. */
export async function alertStaff(ctx: CoreContext, key: string, text: StaffText): Promise<boolean> {
  const first = await ctx.store.alertOnce(key, ctx.clock.now());
  if (!first) return false;
  ctx.metrics.count('alerts');
  // The log is the operators': always in English.
  ctx.log.warn({ alert: key }, textIn(text, ENGLISH_LOCALE));
  await sendToStaff(ctx, (locale) => `⚠️ ${textIn(text, locale)}`);
  return true;
}

/** Sends to every staff report channel; one failing target never stops the others. */
export async function sendToStaff(ctx: CoreContext, text: StaffText): Promise<void> {
  const { config } = ctx.plan();
  await Promise.all(
    config.staffReport.map(async (target) => {
      const platform = ctx.platforms.get(target.platform);
      if (!platform) return;
      try {
        await platform.sendStaffText(target.id, textIn(text, reportLocale(config, target)));
      } catch (error) {
        ctx.log.error({ platform: target.platform, channel: target.id, err: describe(error) }, 'could not reach the staff report channel');
      }
    }),
  );
}

export function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
