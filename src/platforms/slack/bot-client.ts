// The one Web API client every outbound call goes through: the WebClient, the call policy
// (timeout, retries, an operation's budget) and who the bot is (auth.test, asked once).
import { webApi } from '@slack/bolt';
import { bounded, type CallOptions, type CallPolicy } from './calls.js';

/** Who the bot is, from auth.test. */
export interface BotIdentity {
  userId: string;
  botId: string;
  user: string;
  team: string;
  teamId: string;
  /** From the `x-oauth-scopes` header; undefined when Slack did not send it. */
  scopes?: string[];
}

export class BotClient {
  private me?: Promise<BotIdentity>;

  constructor(
    readonly web: webApi.WebClient,
    readonly policy: CallPolicy,
  ) {}

  /** The performance.now() value an operation starting now must end before. */
  deadline(): number {
    return performance.now() + this.policy.budgetMs;
  }

  /** One Web API call under the policy: retried where safe, never past `options.deadline`. */
  call<T>(method: string, options: CallOptions, attempt: (web: webApi.WebClient) => Promise<T>): Promise<T> {
    return bounded(method, this.policy, options, () => attempt(this.web));
  }

  identity(): Promise<BotIdentity> {
    if (!this.me) {
      this.me = this.call('auth.test', { repeatable: true, deadline: this.deadline() }, (web) => web.auth.test()).then((r) => ({
        userId: String(r.user_id ?? ''),
        botId: String(r.bot_id ?? ''),
        user: String(r.user ?? ''),
        team: String(r.team ?? ''),
        teamId: String(r.team_id ?? ''),
        scopes: r.response_metadata?.scopes,
      }));
      // A failure is not cached: the next call asks again.
      this.me.catch(() => {
        this.me = undefined;
      });
    }
    return this.me;
  }
}
