// The ChatPlatform contract for the recording platform, the double the core's tests run on: it
// must behave like the real adapters it stands in for, or the core's tests prove nothing.
import type { ChannelInspection } from '../../src/core/ports.js';
import { RecordingPlatform, type FakeMessage } from '../fakes/recording-platform.js';
import { platformContract, quietInbound, type Shown } from './contract.js';

const CHANNEL = 'C0STAFF01';
const PRIVATE: ChannelInspection = { state: 'ok', isPublic: false, externallyShared: false, outsiderViewers: [] };

function shownOf(m: FakeMessage): Shown {
  if (m.editedTo !== undefined) return { title: '', text: m.editedTo, notification: m.editedTo };
  const { doc } = m;
  const texts = [
    doc.title,
    ...doc.sections.flatMap((s) => [s.heading, ...s.items.flatMap((i) => [i.title ?? '', i.text])]),
    doc.verse.text,
    doc.verse.reference,
    doc.footer ?? '',
  ];
  return { title: doc.title, text: texts.filter((t) => t !== '').join('\n'), notification: doc.fallback };
}

platformContract('recording', {
  can: ['ownReactions', 'sentWithoutReaction', 'deleteBehindBack', 'makePublic', 'shareExternally', 'letOthersSee', 'deleteChannel'],
  async open() {
    const platform = new RecordingPlatform('slack');
    await platform.start(quietInbound);
    const live = (id: string) => platform.visible(CHANNEL).find((m) => m.id === id);
    let seq = 0;
    return {
      platform,
      channelId: CHANNEL,
      async shown(id) {
        const m = live(id);
        return m ? shownOf(m) : undefined;
      },
      async ownReactions(id) {
        return live(id)?.ownReaction ? 1 : 0;
      },
      async sentWithoutReaction(part, doc) {
        seq += 1;
        const id = `recovered-${seq}`;
        platform.messages.push({ id, channelId: CHANNEL, ledgerKey: part.ledgerKey, doc, at: new Date(), deleted: false, ownReaction: false });
        return id;
      },
      async deleteBehindBack(id) {
        const m = live(id);
        if (m) m.deleted = true;
      },
      async makePublic() {
        platform.channels.set(CHANNEL, { ...PRIVATE, isPublic: true });
      },
      async shareExternally() {
        platform.channels.set(CHANNEL, { ...PRIVATE, externallyShared: true });
      },
      async letOthersSee() {
        platform.channels.set(CHANNEL, { ...PRIVATE, outsiderViewers: ['role @Volunteers'] });
        return ['role @Volunteers'];
      },
      async deleteChannel() {
        platform.channels.set(CHANNEL, { ...PRIVATE, state: 'missing' });
      },
      stop: () => platform.stop(),
    };
  },
});
