// Alerts to staff: de-duplicated through the store (once across restarts and replicas),
// sent to every `staff_report` channel whose platform runs here and that is still a private
// staff channel, each in its own language.
import { ENGLISH_LOCALE } from '../i18n/index.js';
import { channelKey, type CoreContext } from './context.js';
import { errorLogFields } from './errors.js';
import { reportLocale, type Locale } from './language.js';
import { refusalText, reportChannelVerdict, type GuardVerdict } from './privacy.js';
import type { StaffReportTarget } from './types.js';

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

/**
 * Sends to every staff report channel that passes the staff-channel rules now (facts at most
 * 10 minutes old); one failing target never stops the others. A refused channel gets nothing:
 * it is logged (never with the report) and named once through the channels that passed (in
 * each one's language), or in the log when none did.
 */
export async function sendToStaff(ctx: CoreContext, text: StaffText): Promise<void> {
  const targets = ctx.plan().config.staffReport.filter((t) => ctx.platforms.has(t.platform));
  const judged = await Promise.all(targets.map(async (target) => ({ target, verdict: await reportVerdict(ctx, target) })));
  const open = judged.filter((j) => j.verdict?.allowed === true).map((j) => j.target);
  await deliver(ctx, open, text);
  for (const { target, verdict } of judged) {
    if (!verdict || verdict.allowed) continue;
    const where = channelKey(target.platform, target.id);
    ctx.log.warn({ channel: where, reason: verdict.reason }, 'staff report not sent to a staff_report channel that fails the staff-channel rules');
    if (!(await ctx.store.alertOnce(`report-refused:${where}:${verdict.reason}`, ctx.clock.now()))) continue;
    ctx.metrics.count('alerts');
    const notice = ({ messages: m }: Locale) => m.alertReportRefused({ where, reason: refusalText(m, verdict.why) });
    if (open.length > 0) await deliver(ctx, open, (locale) => `⚠️ ${notice(locale)}`);
    else ctx.log.error({ channel: where }, notice(ENGLISH_LOCALE));
  }
}

/** The staff-channel rules' verdict on a report channel; undefined when it could not be checked. */
async function reportVerdict(ctx: CoreContext, target: StaffReportTarget): Promise<GuardVerdict | undefined> {
  const platform = ctx.platforms.get(target.platform)!;
  try {
    return reportChannelVerdict(await ctx.inspections.get(platform, target.id));
  } catch (error) {
    ctx.log.warn({ channel: channelKey(target.platform, target.id), ...errorLogFields(error) }, 'could not check a staff report channel; nothing sent there');
    return undefined;
  }
}

async function deliver(ctx: CoreContext, targets: StaffReportTarget[], text: StaffText): Promise<void> {
  const { config } = ctx.plan();
  await Promise.all(
    targets.map(async (target) => {
      const platform = ctx.platforms.get(target.platform)!;
      try {
        await platform.sendStaffText(target.id, textIn(text, reportLocale(config, target)));
      } catch (error) {
        ctx.log.error({ platform: target.platform, channel: target.id, ...errorLogFields(error) }, 'could not reach the staff report channel');
      }
    }),
  );
}

export function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
