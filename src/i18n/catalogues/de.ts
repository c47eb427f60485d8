// German (de-DE, de-AT, de-CH … all find it).
import type { Catalogue } from '../catalogue.js';

export const german: Catalogue = {
  tag: 'de',
  name: 'German',
  nativeName: 'Deutsch',
  reviewed: false,
  glossary: {
    pray: 'beten',
    'prayer request': 'Gebetsanliegen (short: Anliegen)',
    post: 'Beitrag; to post: posten',
    'prayer coordinators': 'Gebetskoordinatoren (staff in /pray help: "Koordination")',
    'staff channel': 'Mitarbeiterkanal',
    replica: 'Instanz',
    address: 'Sie, formal; never du',
    quotes: '„…“ around what the person typed',
  },
  messages: {
    postTitle: ({ date }) => `Gebet für ${date}`,
    regionPostTitle: ({ region, date }) => `${region} — Gebet für ${date}`,
    partOf: ({ part, count }) => ` (${part} von ${count})`,
    fallback: ({ regions }) => `Gebet des Tages: ${regions}`,
    listSeparator: ', ',
    footer: 'Reagieren Sie mit 🙏, wenn Sie gebetet haben.',
    retirementNotice: 'Dieses Gebetsanliegen ist nicht mehr aktuell. Danke, dass Sie gebetet haben.',

    help: [
      '/pray — das heutige Gebetsanliegen',
      '/pray <Region> — das aktuelle Anliegen dieser Region (z. B. /pray lateinamerika)',
      '/pray week — der Plan dieser Woche',
      '/pray help — diese Hilfe',
      'Koordination: /pray stats — die Zählung dieser Woche; /pray retract WOCHE/ID — ein Anliegen überall zurückziehen; /pray coordinator — ein Anmeldelink zur Koordinationsseite',
    ].join('\n'),
    unknownRegion: ({ typed }) => `Ich kenne keine Region namens „${typed}“. Die Regionen sind:`,
    ambiguousRegion: ({ typed, regions }) => `„${typed}“ könnte ${regions} sein. Die Regionen sind:`,
    or: ' oder ',
    staffOnly: 'Entschuldigung — diese Form von /pray ist den Gebetskoordinatoren vorbehalten. Versuchen Sie /pray oder /pray help.',
    coordinatorNotServed: 'Die Koordinationsseite wird hier nicht angeboten: Führen Sie `prayerbot coordinator-link` dort aus, wo der Bot läuft.',
    retractUsage: 'Verwendung: /pray retract WOCHE/ID (z. B. 2026-10-12/latin-america-1) oder /pray retract WOCHE',
    noPostToday: ({ next }) =>
      `Heute gibt es keinen Gebetsbeitrag.${next ? ` Der nächste kommt am ${next}.` : ''} Fragen Sie mit /pray <Region> nach dem Anliegen einer Region, oder mit /pray help.`,
    noCurrentRequest: ({ region }) => `Für ${region} gibt es derzeit kein Anliegen.`,
    noWeekPlan: ({ week }) => `Für die Woche vom ${week} gibt es keinen Plan.`,
    weekHeading: ({ date }) => `Diese Woche (ab ${date}):`,
    weekNothing: 'Für diesen Kanal ist diese Woche nichts geplant.',
    prayFailed: 'Entschuldigung — beim Antworten ist etwas schiefgegangen. Die Koordinatoren finden die Einzelheiten im Protokoll des Bots.',
    retractBadSubject: ({ subject }) => `„${subject}“ ist weder eine Woche (2026-10-12) noch ein Anliegen (2026-10-12/latin-america-1).`,
    retracted: ({ subject, done, failed }) =>
      `${subject} zurückgezogen: ${done} ${done === 1 ? 'veröffentlichte Kopie entfernt' : 'veröffentlichte Kopien entfernt'}${failed > 0 ? `, ${failed} nicht entfernbar (die Koordinatoren wurden informiert)` : ''}. Es wird erst nach \`prayerbot retract --undo\` wieder veröffentlicht.`,

    statsHeading: ({ week }) => `Woche vom ${week}`,
    tallyDate: 'Datum',
    tallyPlatform: 'Plattform',
    tallyChannel: 'Kanal',
    tallyPart: 'Teil',
    tallyRegions: 'Regionen',
    tallyPrayed: 'gebetet',
    tallyTotal: 'gesamt',
    tallyBeforeUndo: '(vor dem Rückgängigmachen)',

    digestHeading: ({ week, total, change }) =>
      `Gebetszählung für die Woche vom ${week}: insgesamt ${total} 🙏${change ? ` (${change} gegenüber der Vorwoche)` : ''}`,
    digestByRegion: 'Nach Region',
    digestByPlatform: 'Nach Plattform',
    digestProblems: 'Ablehnungen und Fehler',
    digestReminder: ({ file }) => `Erinnerung: Für die nächste Woche gibt es noch keinen Plan (${file}).`,
    digestPostProblem: ({ date, where, state, error }) => `${date} an ${where}: ${state}${error ? ` (${error})` : ''}`,
    postStateFailed: 'fehlgeschlagen',
    postStateSkipped: 'ausgelassen',
    digestRefused: ({ subject, detail }) => `${subject} abgelehnt: ${detail}`,

    alertRefused: ({ where, reason, disabled }) =>
      `prayerbot postet nicht in ${where}: ${reason}.${disabled ? ' Der Kanal bleibt deaktiviert, bis der Bot neu startet.' : ''}`,
    alertGaveUp: ({ date, where, attempts, error, command }) =>
      `prayerbot hat es nach ${attempts} Versuchen aufgegeben, den Beitrag vom ${date} in ${where} zu posten (${error}). Senden Sie ihn von Hand mit: ${command}`,
    alertUnverified: ({ date, where, error }) =>
      `prayerbot konnte nicht prüfen, ob der Beitrag vom ${date} ${where} schon erreicht hat, und hat deshalb nichts gesendet (neuer Versuch innerhalb des Nachholfensters): ${error}`,
    alertGone: ({ where, error }) => `prayerbot hat ${where} deaktiviert: Der Kanal ist archiviert oder wurde gelöscht (${error}).`,
    alertCouldNotPost: ({ date, where, error, command }) =>
      `prayerbot konnte den Beitrag vom ${date} nicht in ${where} posten: ${error}. Senden Sie ihn von Hand mit: ${command}`,
    alertStalePlan: ({ owner }) =>
      `eine prayerbot-Instanz (${owner}) läuft mit einem älteren Plan als eine andere Instanz und postet nicht, bis ihre config/ und prompts/ übereinstimmen.`,
    alertNoPlan: ({ week, file }) =>
      `Für die Woche vom ${week} gibt es keinen Plan (${file}): Diese Woche wird nichts gepostet, bis er hinzugefügt ist.`,
    alertMissed: ({ date, where, hours, command }) =>
      `Der Beitrag vom ${date} wurde nicht an ${where} gesendet: Er war mehr als ${hours} Stunden zu spät. Senden Sie ihn von Hand mit: ${command}`,
    alertCannotTakeDown: ({ post, platform }) =>
      `prayerbot kann ${post} nicht entfernen: Die Plattform ${platform} läuft hier nicht. Starten Sie den Bot mit ihrem Token, damit er es kann.`,
    alertTakeDownFailed: ({ post, date, error }) =>
      `prayerbot konnte ${post} (${date}) nicht entfernen: ${error}. Beim nächsten Ablauflauf versucht er es erneut.`,
    alertWipeIncomplete: ({ week, error }) =>
      `Wer in der Woche vom ${week} gebetet hat, ist gelöscht, aber noch nicht von der Festplatte getilgt: ${error}`,

    refusedMissing: 'der Kanal existiert nicht oder der Bot kann ihn nicht sehen',
    refusedArchived: 'der Kanal ist archiviert',
    refusedNoAccess: ({ detail }) => `der Bot hat keinen Zugriff auf den Kanal${detail ? ` (${detail})` : ''}`,
    refusedPublic:
      'der Kanal ist öffentlich; Anliegen gehen nur in private Kanäle (setzen Sie allow_public: true, um ihm die Anliegen für alle zu senden)',
    refusedShared:
      'der Kanal ist mit einer anderen Organisation geteilt; Anliegen gehen nur in private Kanäle (setzen Sie allow_public: true, um ihm die Anliegen für alle zu senden)',
    refusedOutsiders: ({ viewers }) => `dieser Mitarbeiterkanal ist für Personen außerhalb der Leserollen der Mitarbeiter sichtbar: ${viewers}`,

    prayedButtonLabel: '🙏 Ich habe gebetet',
    prayedCounted: 'Gezählt — danke.',
    prayedTakenBack: 'Zurückgenommen: Sie werden für diesen Beitrag nicht mehr gezählt. Drücken Sie erneut, wenn Sie doch gebetet haben.',
    prayedTakenBackReactionHolds: 'Ihr Klick ist zurückgenommen, aber das 🙏, das Sie diesem Beitrag hinzugefügt haben, zählt weiterhin — danke.',
    prayedRetired: 'Dieser Gebetsbeitrag ist nicht mehr aktuell, daher wurde nichts gezählt. Danke, dass Sie gebetet haben.',
    prayedNotAPost: 'Dies ist kein aktueller Gebetsbeitrag, daher wurde nichts gezählt.',
    restarting: 'prayerbot startet neu. Versuchen Sie /pray in einer Minute erneut.',
    prayNoteNotPrivate: 'Dieser Kanal ist nicht nur für Mitarbeiter sichtbar, daher werden hier nur Anliegen für alle angezeigt.',
    prayNoteUnchecked: 'Anliegen nur für Mitarbeiter erscheinen hier, sobald prayerbot geprüft hat, dass dieser Kanal privat ist; fragen Sie gleich noch einmal.',
    alertReportRefused: ({ where, reason }) =>
      `prayerbot sendet keine Mitarbeiterberichte an ${where}: ${reason}. Berichte gehen nur in private Mitarbeiterkanäle: Machen Sie den Kanal wieder nur für Mitarbeiter sichtbar, oder entfernen Sie ihn aus staff_report.`,
    reportRefusedPublic: 'der Kanal ist öffentlich',
    reportRefusedShared: 'der Kanal ist mit einer anderen Organisation geteilt',
    reportRefusedOutsiders: ({ viewers }) => `der Kanal ist für Personen außerhalb der Leserollen der Mitarbeiter sichtbar: ${viewers}`,

    commandPray: 'Das heutige Gebet oder das neueste Anliegen einer Region',
    commandPrayRegion: 'Eine Region (leer lassen für den heutigen Beitrag)',
    commandStaff: 'Gebetskoordination: Zählungen, die Woche, Rücknahmen',
    commandStats: 'Wie viele gebetet haben, nach Region und Plattform',
    commandWeek: 'Der Plan dieser Woche, Tag für Tag',
    commandRetract: 'Ein Anliegen jetzt überall zurückziehen',
    commandRetractId: 'Das Anliegen als WOCHE/ID (z. B. 2026-10-12/eu-day)',
    commandHelp: 'Was die Befehle der Koordination tun',
    commandCoordinator: 'Ein Anmeldelink zur Koordinationsseite (nur Sie sehen ihn)',
  },
};
