// The ChatPlatform contract for Slack: the real Bolt-based adapter against the fake Slack Web API.
import { POST_EVENT_TYPE } from '../../src/platforms/slack/index.js';
import type { FakeMessage } from '../fakes/slack-api.js';
import { startHarness } from '../slack/harness.js';
import { CHAT_ADAPTER_CAN, platformContract, type Shown } from './contract.js';

const CHANNEL = 'C0STAFF01';

/** What Slack displays for escaped mrkdwn: `&lt;` is read as `<`. */
function unescape(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

interface BlockText {
  type?: string;
  text?: { text?: string };
  elements?: Array<{ text?: string }>;
}

function shownOf(m: FakeMessage): Shown {
  const blocks = (m.blocks ?? []) as BlockText[];
  const texts = blocks.flatMap((b) => [b.text?.text ?? '', ...(b.elements ?? []).map((e) => e.text ?? '')]).filter((t) => t !== '');
  const header = blocks.find((b) => b.type === 'header')?.text?.text ?? '';
  return { title: header, text: unescape(texts.join('\n')), notification: unescape(m.text) };
}

platformContract('slack', {
  can: [...CHAT_ADAPTER_CAN, 'shareExternally'],
  async open() {
    const h = await startHarness();
    const { slack } = h;
    const marker = (ledgerKey: string) => ({ event_type: POST_EVENT_TYPE, event_payload: { ledger_key: ledgerKey } });
    return {
      platform: h.platform,
      channelId: CHANNEL,
      async shown(ts) {
        const m = slack.message(CHANNEL, ts);
        return m ? shownOf(m) : undefined;
      },
      async ownReactions(ts) {
        const m = slack.message(CHANNEL, ts);
        return (m?.reactions ?? []).filter((r) => r.name === 'pray' && r.users.includes(slack.botUserId)).length;
      },
      async sentWithoutReaction(part, doc) {
        return slack.postAsBot(CHANNEL, doc.fallback, marker(part.ledgerKey));
      },
      async mentions(ts) {
        return slack.mentions(CHANNEL, ts);
      },
      async deleteBehindBack(ts) {
        slack.deleteMessage(CHANNEL, ts);
      },
      async postLookalike(part, doc) {
        slack.postAsUser(CHANNEL, 'U0SOMEONE', doc.fallback, marker(part.ledgerKey));
      },
      async makePublic() {
        slack.updateChannel(CHANNEL, { isPrivate: false });
      },
      async shareExternally() {
        slack.updateChannel(CHANNEL, { isExtShared: true });
      },
      async deleteChannel() {
        slack.deleteChannel(CHANNEL);
      },
      stop: () => h.stop(),
    };
  },
});
