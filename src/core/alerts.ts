// Alerts to staff: de-duplicated through the store (once across restarts and replicas),
// sent to every `staff_report` channel whose platform runs here.
import type { CoreContext } from './context.js';

/** Sends `text` to staff unless an alert with this `key` was already raised. */
export async function alertStaff(ctx: CoreContext, key: string, text: string): Promise<boolean> {
  const first = await ctx.store.alertOnce(key, ctx.clock.now());
  if (!first) return false;
  ctx.metrics.count('alerts');
  ctx.log.warn({ alert: key }, text);
  await sendToStaff(ctx, `⚠️ ${text}`);
  return true;
}

/** Sends to every staff report channel; one failing target never stops the others. */
export async function sendToStaff(ctx: CoreContext, text: string): Promise<void> {
  const targets = ctx.plan().config.staffReport;
  await Promise.all(
    targets.map(async (target) => {
      const platform = ctx.platforms.get(target.platform);
      if (!platform) return;
      try {
        await platform.sendStaffText(target.id, text);
      } catch (error) {
        ctx.log.error({ platform: target.platform, channel: target.id, err: describe(error) }, 'could not reach the staff report channel');
      }
    }),
  );
}

export function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
