// `prayerbot doctor` for Slack: what works, what does not, and what to do about it. Facts
// only — whether a public or shared channel is acceptable is the core's privacy guard.
// Never prints a token or secret.
import type { ChannelInspection } from '../../core/ports.js';
import type { ChannelConfig } from '../../core/types.js';
import { classify, slackErrorCode } from './calls.js';

export interface DoctorLine {
  ok: boolean;
  text: string;
}

/** Every bot scope prayerbot needs (deploy/slack-app-manifest.yaml), and what for. */
export const REQUIRED_SCOPES: Record<string, string> = {
  'chat:write': 'post, edit and delete the daily post',
  'reactions:read': 'count 🙏 after a restart',
  'reactions:write': "add the bot's own 🙏",
  commands: '/pray',
  'channels:read': 'check public channels',
  'groups:read': 'check private channels',
  'channels:history': 'recover a post whose answer was lost (public channels)',
  'groups:history': 'recover a post whose answer was lost (private channels)',
};

export interface DoctorProbe {
  mode: 'http' | 'socket' | 'unconfigured';
  identity(): Promise<{ user: string; userId: string; team: string; teamId: string; scopes?: string[] }>;
  appTokenWorks(): Promise<void>;
  inspect(channelId: string): Promise<ChannelInspection>;
  historyReadable(channelId: string): Promise<void>;
  channels: ChannelConfig[];
}

function why(error: unknown): string {
  return slackErrorCode(error) ?? classify(error).reason;
}

export async function runDoctor(probe: DoctorProbe): Promise<DoctorLine[]> {
  const lines: DoctorLine[] = [];
  let me: Awaited<ReturnType<DoctorProbe['identity']>>;
  try {
    me = await probe.identity();
    lines.push({ ok: true, text: `Slack: bot token works: @${me.user} (${me.userId}) in ${me.team} (${me.teamId})` });
  } catch (error) {
    const reason = why(error);
    const hint =
      reason === 'invalid_auth' || reason === 'not_authed' || reason === 'token_revoked'
        ? 'check SLACK_BOT_TOKEN (the Bot User OAuth Token, xoxb-…, under OAuth & Permissions)'
        : 'check the network and SLACK_API_URL';
    lines.push({ ok: false, text: `Slack: auth.test failed (${reason}): ${hint}` });
    return lines;
  }

  if (me.scopes === undefined) {
    lines.push({ ok: false, text: 'Slack: could not read the granted scopes (no x-oauth-scopes header)' });
  } else {
    const missing = Object.keys(REQUIRED_SCOPES).filter((s) => !me.scopes!.includes(s));
    lines.push(
      missing.length === 0
        ? { ok: true, text: `Slack: scopes granted: ${Object.keys(REQUIRED_SCOPES).join(', ')}` }
        : {
            ok: false,
            text: `Slack: missing scopes: ${missing.map((s) => `${s} (${REQUIRED_SCOPES[s]})`).join(', ')}; add them under OAuth & Permissions (or recreate the app from deploy/slack-app-manifest.yaml) and reinstall the app`,
          },
    );
  }

  if (probe.mode === 'http') {
    lines.push({
      ok: true,
      text: 'Slack: HTTP mode: Slack must reach POST https://<your host>/slack/events (Event Subscriptions and the /pray request URL)',
    });
  } else if (probe.mode === 'socket') {
    try {
      await probe.appTokenWorks();
      lines.push({ ok: true, text: 'Slack: Socket Mode: the app-level token opens connections (no public URL needed)' });
    } catch (error) {
      lines.push({
        ok: false,
        text: `Slack: Socket Mode: apps.connections.open failed (${why(error)}): check SLACK_APP_TOKEN (xapp-…, scope connections:write) and that Socket Mode is on`,
      });
    }
  } else {
    lines.push({ ok: false, text: 'Slack: set SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode) next to SLACK_BOT_TOKEN' });
  }

  for (const channel of probe.channels) {
    const label = `Slack channel ${channel.id}`;
    let facts: ChannelInspection;
    try {
      facts = await probe.inspect(channel.id);
    } catch (error) {
      lines.push({ ok: false, text: `${label}: could not be checked (${why(error)}); try again` });
      continue;
    }
    if (facts.state === 'missing') {
      lines.push({ ok: false, text: `${label}: ${facts.detail ?? 'not found'}` });
      continue;
    }
    if (facts.state !== 'ok') {
      lines.push({ ok: false, text: `${label}: ${facts.state}: ${facts.detail ?? ''}`.trim() });
      continue;
    }
    lines.push({ ok: true, text: `${label}: reachable; ${facts.detail ?? ''}`.trim() });
    try {
      await probe.historyReadable(channel.id);
      lines.push({ ok: true, text: `${label}: history readable (lost answers can be recovered)` });
    } catch (error) {
      lines.push({
        ok: false,
        text: `${label}: history not readable (${why(error)}): needs channels:history / groups:history, or a post whose answer is lost cannot be recovered`,
      });
    }
  }
  return lines;
}
