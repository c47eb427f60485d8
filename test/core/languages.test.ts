// Channels in other languages, through the real core: what the bot itself writes is in the
// channel's language, region names come from `regions[].names`, and a week's translations
// replace the original where they exist — the original stays where they do not.
import { afterEach, describe, expect, it } from 'vitest';
import type { PrayAnswer, PrayCommand } from '../../src/core/ports.js';
import { testConfig, testWeek } from '../../src/core/plan/testing.js';
import type { ChannelConfig, Region } from '../../src/core/types.js';
import { harness, type Harness } from './harness.js';

let h: Harness;
afterEach(async () => h?.close());

const REGIONS: Region[] = [
  {
    id: 'africa-europe',
    name: 'Africa & Europe',
    aliases: [],
    names: { es: 'África y Europa', pt: 'África e Europa', fr: 'Afrique et Europe', de: 'Afrika und Europa', nl: 'Afrika en Europa', ko: '아프리카와 유럽', 'zh-Hant': '非洲與歐洲' },
  },
  { id: 'latin-america', name: 'Latin America', aliases: ['latam'], names: { es: 'América Latina' } },
  { id: 'south-asia', name: 'South Asia', aliases: [], names: { es: 'Sur de Asia' } },
  { id: 'asia-pacific', name: 'Asia Pacific', aliases: [] },
  { id: 'global-office', name: 'Global Office & Partners', aliases: [] },
];

const slack = (id: string, language?: string): ChannelConfig => ({ platform: 'slack', id, audience: 'staff', allowPublic: false, ...(language ? { language } : {}) });

function text(answer: PrayAnswer): string {
  return answer.kind === 'text'
    ? answer.text
    : [answer.doc.title, ...answer.doc.sections.flatMap((s) => [s.heading, ...s.items.flatMap((i) => [i.title ?? '', i.text])]), answer.doc.verse.text, answer.doc.footer ?? ''].join('\n');
}

/** What each shipped language's Monday post and /pray help must read (zh-TW finds zh-Hant). */
const SHIPPED = [
  { tag: 'en', title: 'Prayer for Monday, November 16, 2026', footer: 'React 🙏 when you have prayed.', fallback: "Today's prayer: Africa & Europe", help: "/pray — today's prayer request" },
  { tag: 'es', title: 'Oración para el lunes, 16 de noviembre de 2026', footer: 'Reaccione con 🙏 cuando haya orado.', fallback: 'Oración de hoy: África y Europa', help: '/pray — la petición de oración de hoy' },
  { tag: 'pt-BR', title: 'Oração para segunda-feira, 16 de novembro de 2026', footer: 'Reaja com 🙏 quando tiver orado.', fallback: 'Oração de hoje: África e Europa', help: '/pray — o pedido de oração de hoje' },
  { tag: 'fr', title: 'Prière pour le lundi 16 novembre 2026', footer: 'Réagissez avec 🙏 quand vous avez prié.', fallback: 'Prière du jour : Afrique et Europe', help: '/pray — le sujet de prière du jour' },
  { tag: 'de', title: 'Gebet für Montag, 16. November 2026', footer: 'Reagieren Sie mit 🙏, wenn Sie gebetet haben.', fallback: 'Gebet des Tages: Afrika und Europa', help: '/pray — das heutige Gebetsanliegen' },
  { tag: 'nl', title: 'Gebed voor maandag 16 november 2026', footer: 'Reageer met 🙏 wanneer u gebeden hebt.', fallback: 'Gebed van vandaag: Afrika en Europa', help: '/pray — het gebedspunt van vandaag' },
  { tag: 'ko', title: '2026년 11월 16일 월요일 기도', footer: '기도하셨으면 🙏 반응을 남겨 주십시오.', fallback: '오늘의 기도: 아프리카와 유럽', help: '/pray — 오늘의 기도 제목' },
  { tag: 'zh-TW', title: '代禱：2026年11月16日 星期一', footer: '禱告後請以 🙏 回應。', fallback: '今日代禱：非洲與歐洲', help: '/pray — 今日的代禱事項' },
];

/** Phrases of the English catalogue that must not survive in another language's rendering. */
const ENGLISH_PHRASES = ['Prayer for', "Today's prayer", 'React', 'when you have prayed', "today's prayer request", "that region's current request", "this week's plan", 'this help', 'Staff:', 'take a request down'];

describe('every shipped language', () => {
  it.each(SHIPPED)('$tag: the title with its date, the fallback, the footer and /pray help', async (want) => {
    const channel = slack(`C0${want.tag.toUpperCase().replace('-', '')}`, want.tag);
    const config = testConfig({ regions: REGIONS, channels: [channel] });
    h = await harness(config, [testWeek('2026-11-16')], '2026-11-16T14:01:00Z');
    await h.bot.sweep();
    const [post] = h.slack.visible(channel.id);
    expect(post?.doc.title).toBe(want.title);
    expect(post?.doc.fallback).toBe(want.fallback);
    expect(post?.doc.footer).toBe(want.footer);
    expect(post?.doc.sections.map((s) => s.heading)).toEqual([want.fallback.replace(/^.*[:：]\s?/, '')]);
    const help = text(await h.bot.pray({ platform: 'slack', channelId: channel.id, userId: 'U1', roleIds: [], text: 'help' }));
    expect(help.split('\n')[0]).toBe(want.help);
    if (want.tag === 'en') return;
    // The commands' keywords stay as typed (/pray week, WEEK/ID); the words around them do not.
    for (const rendered of [post!.doc.title, post!.doc.fallback, post!.doc.footer!, help]) {
      for (const phrase of ENGLISH_PHRASES) expect(rendered).not.toContain(phrase);
    }
  });
});

describe('a channel with language: es', () => {
  const ES = slack('C0EQUIPO1', 'es');
  const EN = slack('C0STAFF01');
  const config = testConfig({
    regions: REGIONS,
    channels: [EN, ES],
    staffReport: [{ platform: 'slack', id: 'C0COORD01', language: 'es' }],
    staff: { slackUsers: ['U0COORD1'], discordRoles: [], discordViewerRoles: [] },
    retire: 'edit',
  });
  // Tuesday (latin-america's day) carries a translated request and one without Spanish.
  const week = testWeek('2026-11-16', [
    { region: 'africa-europe', text: 'Pray for the fictional training week.' },
    {
      region: 'latin-america',
      title: 'Study',
      text: 'Please pray for the fictional study team.',
      translations: { es: { text: 'Oren por el equipo ficticio del estudio.', title: 'Estudio' } },
    },
    { region: 'latin-america', text: 'Pray for the fictional interviewers.' },
  ]);
  week.verse = { ...week.verse, translations: { es: { text: 'Busquen la justicia, defiendan al oprimido.', reference: 'Isaías 1:17' } } };
  const ask = (t: string, who: Partial<PrayCommand> = {}) => h.bot.pray({ platform: 'slack', channelId: ES.id, userId: 'U1', roleIds: [], text: t, ...who });

  it('posts in Spanish from title to footer, with the Spanish text where the week gives one and the original where not', async () => {
    h = await harness(config, [week], '2026-11-17T14:01:00Z');
    await h.bot.sweep();
    const [es] = h.slack.visible(ES.id);
    expect(es?.doc).toEqual({
      title: 'Oración para el martes, 17 de noviembre de 2026',
      fallback: 'Oración de hoy: América Latina',
      sections: [
        {
          heading: 'América Latina',
          items: [
            { title: 'Estudio', text: 'Oren por el equipo ficticio del estudio.' },
            { text: 'Pray for the fictional interviewers.' },
          ],
        },
      ],
      verse: { text: 'Busquen la justicia, defiendan al oprimido.', reference: 'Isaías 1:17' },
      footer: 'Reaccione con 🙏 cuando haya orado.',
    });
    // The English channel of the same day is as it always was.
    const [en] = h.slack.visible(EN.id);
    expect(en?.doc.title).toBe('Prayer for Tuesday, November 17, 2026');
    expect(en?.doc.sections[0]?.items[0]).toEqual({ title: 'Study', text: 'Please pray for the fictional study team.' });
    expect(en?.doc.verse.reference).toBe('Isaiah 1:17');
  });

  it('answers /pray there in Spanish: today, a region by its Spanish name, the week, help, unknown regions and refusals', async () => {
    h = await harness(config, [week], '2026-11-17T14:01:00Z');
    // What a running bot has done by the time anyone asks: checked its staff channel's privacy.
    await h.bot.ctx.inspections.get(h.slack, ES.id);
    expect(text(await ask(''))).toContain('Oración para el martes, 17 de noviembre de 2026\nAmérica Latina\nEstudio\nOren por el equipo ficticio del estudio.');
    const region = await ask('américa latina');
    expect(region.kind === 'post' && region.doc.title).toBe('América Latina — oración para el martes, 17 de noviembre de 2026');
    expect(text(await ask('week'))).toBe(
      ['Esta semana (desde el lunes, 16 de noviembre de 2026):', '• lunes, 16 de noviembre de 2026: África y Europa', '▶ martes, 17 de noviembre de 2026: América Latina — Estudio'].join('\n'),
    );
    expect(text(await ask('help'))).toContain('/pray week — el plan de esta semana');
    expect(text(await ask('narnia'))).toMatch(/^No conozco ninguna región llamada «narnia»\. Las regiones son:\n• África y Europa \(africa-europe\)/);
    expect(text(await ask('stats'))).toBe('Lo sentimos: esa forma de /pray es para los coordinadores de oración. Pruebe /pray o /pray help.');
    expect(text(await ask('stats', { userId: 'U0COORD1' }))).toMatch(/^Semana del 2026-11-16\nfecha +plataforma +canal +parte +regiones +oraron/);
    expect(text(await ask('retract', { userId: 'U0COORD1' }))).toBe('Uso: /pray retract SEMANA/ID (p. ej., 2026-10-12/latin-america-1) o /pray retract SEMANA');
    // The same question in the English channel is answered in English.
    expect(text(await ask('narnia', { channelId: EN.id }))).toContain('I don\'t know a region called "narnia"');
    h.clock.set('2026-11-21T14:00:00Z'); // Saturday: nothing today
    await h.bot.ctx.inspections.get(h.slack, ES.id); // checked again, as a running bot would have
    expect(text(await ask(''))).toBe('Hoy no hay publicación de oración. Pida /pray <región> para la petición de una región, o /pray help.');
  });

  it('retires a post with the Spanish notice, and tells the Spanish report channel in Spanish', async () => {
    h = await harness(config, [week], '2026-11-17T14:01:00Z');
    h.slack.channels.set(EN.id, { state: 'archived', isPublic: false, externallyShared: false, outsiderViewers: [] });
    await h.bot.sweep();
    expect(h.slack.staffTexts.map((t) => t.text)).toContain(
      '⚠️ prayerbot no publicará en slack:C0STAFF01: el canal está archivado. El canal queda desactivado hasta que el bot se reinicie.',
    );
    h.clock.set('2026-12-02T06:00:00Z'); // past every request's expiry
    await h.bot.retire();
    const [retired] = h.slack.messages.filter((m) => m.channelId === ES.id);
    expect(retired?.editedTo).toBe('Esta petición de oración se ha retirado. Gracias por orar.');
  });

  it('sends the digest to a Spanish report channel in Spanish', async () => {
    h = await harness(config, [week], '2026-11-17T14:01:00Z');
    await h.bot.sweep();
    h.clock.set('2026-11-20T21:00:00Z');
    expect(await h.bot.digest()).toBe(true);
    const digest = h.slack.staffTexts.at(-1)!.text;
    expect(digest).toMatch(/^Recuento de oración de la semana del 2026-11-16: 0 🙏 en total\n\nPor región\n {2}África y Europa/);
    expect(digest).toContain('Recordatorio: todavía no hay plan para la próxima semana (prompts/2026-11-23.yaml).');
  });
});

describe('the privacy guard and the "I prayed" button in a Spanish channel', () => {
  const ES: ChannelConfig = { ...slack('C0EQUIPO1', 'es'), prayedButton: true };
  const EN = slack('C0STAFF01');
  const config = testConfig({
    regions: REGIONS,
    channels: [EN, ES],
    staffReport: [
      { platform: 'slack', id: 'C0COORD01', language: 'es' },
      { platform: 'slack', id: 'C0ABIERTO1' },
    ],
  });
  const week = testWeek('2026-11-16', [
    { region: 'africa-europe', text: 'Pray for the fictional training week.' },
    { region: 'latin-america', text: 'Everyone may pray for the fictional study team.', audience: 'everyone' },
  ]);
  const ask = (t: string) => h.bot.pray({ platform: 'slack', channelId: ES.id, userId: 'U1', roleIds: [], text: t });

  it('labels the button and answers the presser in Spanish', async () => {
    h = await harness(config, [week], '2026-11-17T14:01:00Z');
    await h.bot.sweep();
    const [post] = h.slack.messages.filter((m) => m.channelId === ES.id);
    expect(post?.doc.prayedButton?.label).toBe('🙏 He orado');
    const press = (order: number) => h.bot.prayedButton({ platform: 'slack', channelId: ES.id, messageId: post!.id, userId: 'U1', orderMicros: order });
    expect(await press(1_000)).toEqual({ counted: true, stillCountedByReaction: false, text: 'Contado — gracias.' });
    expect(await press(2_000)).toMatchObject({ counted: false, text: 'Retirado: ya no se le cuenta en esta publicación. Pulse de nuevo si sí oró.' });
    // The English channel's button still speaks English.
    const notAPost = await h.bot.prayedButton({ platform: 'slack', channelId: EN.id, messageId: 'nope', userId: 'U1', orderMicros: 3_000 });
    expect(notAPost).toEqual({ refused: 'not_a_post', text: 'This is not a current prayer post, so nothing was counted.' });
  });

  it('gives the privacy note in Spanish when the staff channel is no longer private', async () => {
    h = await harness(config, [week], '2026-11-17T14:01:00Z');
    h.slack.channels.set(ES.id, { state: 'ok', isPublic: true, externallyShared: false, outsiderViewers: [] });
    await h.bot.ctx.inspections.get(h.slack, ES.id);
    const note = 'Este canal no es privado para el personal, así que aquí solo se muestran las peticiones destinadas a todos.';
    expect(text(await ask('africa'))).toBe(note);
    const region = text(await ask('américa latina'));
    expect(region).toContain('Everyone may pray for the fictional study team.');
    expect(region).toContain(note);
  });

  it('tells the Spanish report channel in Spanish that a public report channel gets nothing', async () => {
    h = await harness(config, [week], '2026-11-17T14:01:00Z');
    h.slack.channels.set('C0ABIERTO1', { state: 'ok', isPublic: true, externallyShared: false, outsiderViewers: [] });
    h.slack.channels.set(EN.id, { state: 'archived', isPublic: false, externallyShared: false, outsiderViewers: [] });
    await h.bot.sweep();
    const texts = h.slack.staffTexts.filter((t) => t.channelId === 'C0COORD01').map((t) => t.text);
    expect(texts).toContain(
      '⚠️ prayerbot no envía informes del personal a slack:C0ABIERTO1: el canal es público. Los informes solo van a canales privados del personal: vuelva a hacerlo privado para el personal o quítelo de staff_report.',
    );
    expect(h.slack.staffTexts.filter((t) => t.channelId === 'C0ABIERTO1')).toEqual([]);
  });
});

describe('a Spanish channel in Sydney', () => {
  // Its language and its time zone are independent settings: the post comes at 09:00 Sydney
  // time, and its title names Sydney's date, in Spanish.
  const SYDNEY: ChannelConfig = { ...slack('C0SIDNEY1', 'es'), timezone: 'Australia/Sydney' };
  const NEW_YORK = slack('C0STAFF01');
  const config = testConfig({ regions: REGIONS, channels: [NEW_YORK, SYDNEY] });

  it("posts at 09:00 Sydney time, titled in Spanish with Sydney's date, while it is still Sunday in New York", async () => {
    // Sunday Nov 15, 16:00 in New York; Monday Nov 16, 08:00 in Sydney (AEDT, UTC+11).
    h = await harness(config, [testWeek('2026-11-16')], '2026-11-15T21:00:00Z');
    for (let hour = 0; hour < 3; hour += 1) {
      await h.bot.sweep();
      h.clock.advance(60 * 60_000);
    }
    const sent = h.slack.messages.filter((m) => m.channelId === SYDNEY.id);
    expect(sent.map((m) => [m.ledgerKey, m.at.toISOString()])).toEqual([['slack:C0SIDNEY1:2026-11-16:0', '2026-11-15T22:00:00.000Z']]);
    expect(sent[0]!.doc.title).toBe('Oración para el lunes, 16 de noviembre de 2026');
    expect(sent[0]!.doc.sections.map((s) => s.heading)).toEqual(['África y Europa']);
    expect(sent[0]!.doc.footer).toBe('Reaccione con 🙏 cuando haya orado.');
    // New York's Monday has not begun: nothing there yet.
    expect(h.slack.visible(NEW_YORK.id)).toEqual([]);
    // /pray "today" is each channel's own: Monday in Sydney (in Spanish), Sunday in New York.
    // A running bot re-reads its staff channels' privacy every minute; the clock here jumped.
    await h.bot.ctx.inspections.get(h.slack, SYDNEY.id);
    await h.bot.ctx.inspections.get(h.slack, NEW_YORK.id);
    const today = await h.bot.pray({ platform: 'slack', channelId: SYDNEY.id, userId: 'U1', roleIds: [], text: '' });
    expect(today.kind === 'post' && today.doc.title).toBe('Oración para el lunes, 16 de noviembre de 2026');
    expect(text(await h.bot.pray({ platform: 'slack', channelId: NEW_YORK.id, userId: 'U1', roleIds: [], text: '' }))).toContain(
      'There is no prayer post today. The next is on Monday, November 16, 2026.',
    );
  });
});
