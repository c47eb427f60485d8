import { describe, expect, it } from 'vitest';
import { quietInbound } from '../../test/fakes/recording-inbound.js';
import { localeFor } from '../i18n/index.js';
import type { Inbound, PrayCommand } from '../core/ports.js';
import { InboundGate, RESTARTING_ANSWER } from './inbound-gate.js';

const core: Inbound = {
  ...quietInbound,
  pray: async () => ({ kind: 'text', text: 'answered' }),
  prayedButton: async () => ({ refused: 'not_a_post', text: 'no' }),
};
const command = (channelId: string): PrayCommand => ({ platform: 'slack', channelId, userId: 'U1', roleIds: [], text: '' });

describe('a closed inbound gate', () => {
  it("answers /pray with 'restarting' in the caller's channel's language", async () => {
    const gate = new InboundGate(core, (c) => localeFor(c.channelId === 'C0EQUIPO1' ? 'es' : 'en').messages);
    expect(await gate.pray(command('C0EQUIPO1'))).toEqual({ kind: 'text', text: 'answered' });
    gate.close();
    expect(await gate.pray(command('C0EQUIPO1'))).toEqual({ kind: 'text', text: 'prayerbot se está reiniciando. Vuelva a probar /pray en un minuto.' });
    expect(await gate.pray(command('C0STAFF01'))).toEqual(RESTARTING_ANSWER);
    expect(RESTARTING_ANSWER).toEqual({ kind: 'text', text: 'prayerbot is restarting. Try /pray again in a minute.' });
  });
});
