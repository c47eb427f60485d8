// Dutch (nl-NL and nl-BE both find it).
import type { Catalogue } from '../catalogue.js';

export const dutch: Catalogue = {
  tag: 'nl',
  name: 'Dutch',
  nativeName: 'Nederlands',
  reviewed: false,
  glossary: {
    pray: 'bidden',
    'prayer request': 'gebedspunt',
    post: 'bericht; to post: plaatsen',
    'prayer coordinators': 'gebedscoördinatoren (staff in /pray help: "coördinatoren")',
    'staff channel': 'stafkanaal',
    replica: 'instantie',
    address: 'u, formal; never je/jij',
  },
  messages: {
    postTitle: ({ date }) => `Gebed voor ${date}`,
    regionPostTitle: ({ region, date }) => `${region} — gebed voor ${date}`,
    partOf: ({ part, count }) => ` (${part} van ${count})`,
    fallback: ({ regions }) => `Gebed van vandaag: ${regions}`,
    listSeparator: ', ',
    footer: 'Reageer met 🙏 wanneer u gebeden hebt.',
    retirementNotice: 'Dit gebedspunt is niet meer actueel. Dank u voor uw gebed.',

    help: [
      '/pray — het gebedspunt van vandaag',
      '/pray <regio> — het huidige gebedspunt van die regio (bijv. /pray latijns-amerika)',
      '/pray week — het plan van deze week',
      '/pray help — deze hulp',
      'Coördinatoren: /pray stats — de telling van deze week; /pray retract WEEK/ID — een gebedspunt overal terugtrekken; /pray coordinator — een aanmeldlink voor de coördinatiepagina',
    ].join('\n'),
    unknownRegion: ({ typed }) => `Ik ken geen regio met de naam "${typed}". De regio's zijn:`,
    ambiguousRegion: ({ typed, regions }) => `"${typed}" kan ${regions} zijn. De regio's zijn:`,
    or: ' of ',
    staffOnly: 'Sorry — deze vorm van /pray is voor de gebedscoördinatoren. Probeer /pray of /pray help.',
    coordinatorNotServed: 'De coördinatiepagina wordt hier niet aangeboden: voer `prayerbot coordinator-link` uit waar de bot draait.',
    retractUsage: 'Gebruik: /pray retract WEEK/ID (bijv. 2026-10-12/latin-america-1) of /pray retract WEEK',
    noPostToday: ({ next }) =>
      `Vandaag is er geen gebedsbericht.${next ? ` Het volgende is op ${next}.` : ''} Vraag /pray <regio> voor het gebedspunt van een regio, of /pray help.`,
    noCurrentRequest: ({ region }) => `Er is geen actueel gebedspunt voor ${region}.`,
    noWeekPlan: ({ week }) => `Er is geen plan voor de week van ${week}.`,
    weekHeading: ({ date }) => `Deze week (vanaf ${date}):`,
    weekNothing: 'Er is deze week niets gepland voor dit kanaal.',
    prayFailed: 'Sorry — er ging iets mis bij het antwoorden. De coördinatoren vinden de details in het logboek van de bot.',
    retractBadSubject: ({ subject }) => `"${subject}" is geen week (2026-10-12) en geen gebedspunt (2026-10-12/latin-america-1).`,
    retracted: ({ subject, done, failed }) =>
      `${subject} teruggetrokken: ${done} ${done === 1 ? 'geplaatst exemplaar verwijderd' : 'geplaatste exemplaren verwijderd'}${failed > 0 ? `, ${failed} ${failed === 1 ? 'kon' : 'konden'} niet worden verwijderd (de coördinatoren zijn ingelicht)` : ''}. Het wordt pas weer geplaatst na \`prayerbot retract --undo\`.`,

    statsHeading: ({ week }) => `Week van ${week}`,
    tallyDate: 'datum',
    tallyPlatform: 'platform',
    tallyChannel: 'kanaal',
    tallyPart: 'deel',
    tallyRegions: "regio's",
    tallyPrayed: 'gebeden',
    tallyTotal: 'totaal',
    tallyBeforeUndo: '(vóór ongedaan maken)',

    digestHeading: ({ week, total, change }) =>
      `Gebedstelling voor de week van ${week}: ${total} 🙏 in totaal${change ? ` (${change} ten opzichte van vorige week)` : ''}`,
    digestByRegion: 'Per regio',
    digestByPlatform: 'Per platform',
    digestProblems: 'Weigeringen en fouten',
    digestReminder: ({ file }) => `Herinnering: er is nog geen plan voor volgende week (${file}).`,
    digestPostProblem: ({ date, where, state, error }) => `${date} naar ${where}: ${state}${error ? ` (${error})` : ''}`,
    postStateFailed: 'mislukt',
    postStateSkipped: 'overgeslagen',
    digestRefused: ({ subject, detail }) => `${subject} geweigerd: ${detail}`,

    alertRefused: ({ where, reason, disabled }) =>
      `prayerbot plaatst niets in ${where}: ${reason}.${disabled ? ' Het kanaal is uitgeschakeld tot de bot opnieuw start.' : ''}`,
    alertGaveUp: ({ date, where, attempts, error, command }) =>
      `prayerbot heeft het plaatsen van het gebed van ${date} in ${where} opgegeven na ${attempts} pogingen (${error}). Verstuur het met de hand met: ${command}`,
    alertUnverified: ({ date, where, error }) =>
      `prayerbot kon niet nagaan of het gebed van ${date} ${where} al bereikt had en heeft daarom niets verstuurd (nieuwe poging binnen het inhaalvenster): ${error}`,
    alertGone: ({ where, error }) => `prayerbot heeft ${where} uitgeschakeld: het kanaal is gearchiveerd of verwijderd (${error}).`,
    alertCouldNotPost: ({ date, where, error, command }) =>
      `prayerbot kon het gebed van ${date} niet in ${where} plaatsen: ${error}. Verstuur het met de hand met: ${command}`,
    alertStalePlan: ({ owner }) =>
      `een prayerbot-instantie (${owner}) draait een ouder plan dan een andere instantie en plaatst niets tot haar config/ en prompts/ overeenkomen.`,
    alertNoPlan: ({ week, file }) =>
      `Er is geen plan voor de week van ${week} (${file}): deze week wordt niets geplaatst tot het is toegevoegd.`,
    alertMissed: ({ date, where, hours, command }) =>
      `Het gebed van ${date} is niet naar ${where} verstuurd: het was meer dan ${hours} uur te laat. Verstuur het met de hand met: ${command}`,
    alertCannotTakeDown: ({ post, platform }) =>
      `prayerbot kan ${post} niet verwijderen: het platform ${platform} draait hier niet. Start de bot met zijn token zodat dat kan.`,
    alertTakeDownFailed: ({ post, date, error }) =>
      `prayerbot kon ${post} (${date}) niet verwijderen: ${error}. Bij de volgende verloopronde probeert hij het opnieuw.`,
    alertWipeIncomplete: ({ week, error }) =>
      `Wie er in de week van ${week} heeft gebeden, is verwijderd, maar nog niet van de schijf gewist: ${error}`,

    refusedMissing: 'het kanaal bestaat niet of de bot kan het niet zien',
    refusedArchived: 'het kanaal is gearchiveerd',
    refusedNoAccess: ({ detail }) => `de bot heeft geen toegang tot het kanaal${detail ? ` (${detail})` : ''}`,
    refusedPublic:
      'het kanaal is openbaar; gebedspunten gaan alleen naar privékanalen (zet allow_public: true om er de gebedspunten voor iedereen heen te sturen)',
    refusedShared:
      'het kanaal is gedeeld met een andere organisatie; gebedspunten gaan alleen naar privékanalen (zet allow_public: true om er de gebedspunten voor iedereen heen te sturen)',
    refusedOutsiders: ({ viewers }) => `dit stafkanaal is zichtbaar voor mensen buiten de leesrollen van de staf: ${viewers}`,

    prayedButtonLabel: '🙏 Ik heb gebeden',
    prayedCounted: 'Geteld — dank u.',
    prayedTakenBack: 'Teruggenomen: u wordt niet meer geteld voor dit bericht. Druk opnieuw als u wel gebeden hebt.',
    prayedTakenBackReactionHolds: 'Uw klik is teruggenomen, maar de 🙏 die u aan dit bericht hebt toegevoegd, telt nog steeds — dank u.',
    prayedRetired: 'Dit gebedsbericht is niet meer actueel, dus er is niets geteld. Dank u voor uw gebed.',
    prayedNotAPost: 'Dit is geen actueel gebedsbericht, dus er is niets geteld.',
    restarting: 'prayerbot start opnieuw op. Probeer /pray over een minuut opnieuw.',
    prayNoteNotPrivate: 'Dit kanaal is niet alleen voor de staf, dus hier worden alleen gebedspunten voor iedereen getoond.',
    prayNoteUnchecked: 'Gebedspunten alleen voor de staf worden hier getoond zodra prayerbot heeft gecontroleerd dat dit kanaal privé is; vraag het zo nog eens.',
    alertReportRefused: ({ where, reason }) =>
      `prayerbot stuurt geen stafrapporten naar ${where}: ${reason}. Rapporten gaan alleen naar privé-stafkanalen: maak het kanaal weer alleen zichtbaar voor de staf, of haal het uit staff_report.`,
    reportRefusedPublic: 'het kanaal is openbaar',
    reportRefusedShared: 'het kanaal is gedeeld met een andere organisatie',
    reportRefusedOutsiders: ({ viewers }) => `het kanaal is zichtbaar voor mensen buiten de leesrollen van de staf: ${viewers}`,

    commandPray: 'Het gebed van vandaag, of het nieuwste gebedspunt van een regio',
    commandPrayRegion: 'Een regio (leeg laten voor het bericht van vandaag)',
    commandStaff: 'Gebedscoördinatoren: tellingen, de week, terugtrekkingen',
    commandStats: 'Hoeveel mensen baden, per regio en platform',
    commandWeek: 'Het plan van deze week, dag voor dag',
    commandRetract: 'Een gebedspunt nu overal terugtrekken',
    commandRetractId: 'Het gebedspunt, als WEEK/ID (bijv. 2026-10-12/eu-day)',
    commandHelp: 'Wat de commando’s voor coördinatoren doen',
    commandCoordinator: 'Een aanmeldlink voor de coördinatiepagina (alleen u ziet hem)',
  },
};
