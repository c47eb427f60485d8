// Spanish (any region: es-419, es-ES, es-MX … all find it).
import type { Catalogue } from '../catalogue.js';

export const spanish: Catalogue = {
  tag: 'es',
  name: 'Spanish',
  nativeName: 'español',
  reviewed: false,
  glossary: {
    pray: 'orar (never "rezar")',
    'prayer request': 'petición de oración',
    post: 'publicación',
    'prayer coordinators': 'coordinadores de oración (staff in /pray help: "coordinadores")',
    'staff channel': 'canal del personal',
    address: 'usted / ustedes, formal; never tú',
    quotes: '«…» around what the person typed',
  },
  messages: {
    postTitle: ({ date }) => `Oración para el ${date}`,
    regionPostTitle: ({ region, date }) => `${region} — oración para el ${date}`,
    partOf: ({ part, count }) => ` (${part} de ${count})`,
    fallback: ({ regions }) => `Oración de hoy: ${regions}`,
    listSeparator: ', ',
    footer: 'Reaccione con 🙏 cuando haya orado.',
    retirementNotice: 'Esta petición de oración se ha retirado. Gracias por orar.',

    help: [
      '/pray — la petición de oración de hoy',
      '/pray <región> — la petición actual de esa región (p. ej., /pray américa latina)',
      '/pray week — el plan de esta semana',
      '/pray help — esta ayuda',
      'Coordinadores: /pray stats — el recuento de esta semana; /pray retract SEMANA/ID — retira una petición de todas partes; /pray coordinator — un enlace para entrar en la página de coordinación',
    ].join('\n'),
    unknownRegion: ({ typed }) => `No conozco ninguna región llamada «${typed}». Las regiones son:`,
    ambiguousRegion: ({ typed, regions }) => `«${typed}» puede ser ${regions}. Las regiones son:`,
    or: ' o ',
    staffOnly: 'Lo sentimos: esa forma de /pray es para los coordinadores de oración. Pruebe /pray o /pray help.',
    coordinatorNotServed: 'La página de coordinación no se sirve aquí: ejecute `prayerbot coordinator-link` donde se ejecuta el bot.',
    retractUsage: 'Uso: /pray retract SEMANA/ID (p. ej., 2026-10-12/latin-america-1) o /pray retract SEMANA',
    noPostToday: ({ next }) =>
      `Hoy no hay publicación de oración.${next ? ` La próxima es el ${next}.` : ''} Pida /pray <región> para la petición de una región, o /pray help.`,
    noCurrentRequest: ({ region }) => `No hay ninguna petición vigente para ${region}.`,
    noWeekPlan: ({ week }) => `No hay plan para la semana del ${week}.`,
    weekHeading: ({ date }) => `Esta semana (desde el ${date}):`,
    weekNothing: 'No hay nada previsto para este canal esta semana.',
    prayFailed: 'Lo sentimos: algo falló al responder. Los coordinadores tienen los detalles en el registro del bot.',
    retractBadSubject: ({ subject }) => `«${subject}» no es una semana (2026-10-12) ni una petición (2026-10-12/latin-america-1).`,
    retracted: ({ subject, done, failed }) =>
      `Se retiró ${subject}: ${done} ${done === 1 ? 'copia publicada retirada' : 'copias publicadas retiradas'}${failed > 0 ? `, ${failed} no se ${failed === 1 ? 'pudo' : 'pudieron'} retirar (se avisó a los coordinadores)` : ''}. No se volverá a publicar hasta \`prayerbot retract --undo\`.`,

    statsHeading: ({ week }) => `Semana del ${week}`,
    tallyDate: 'fecha',
    tallyPlatform: 'plataforma',
    tallyChannel: 'canal',
    tallyPart: 'parte',
    tallyRegions: 'regiones',
    tallyPrayed: 'oraron',
    tallyTotal: 'total',
    tallyBeforeUndo: '(antes de deshacer)',

    digestHeading: ({ week, total, change }) =>
      `Recuento de oración de la semana del ${week}: ${total} 🙏 en total${change ? ` (${change} respecto a la semana pasada)` : ''}`,
    digestByRegion: 'Por región',
    digestByPlatform: 'Por plataforma',
    digestProblems: 'Rechazos y fallos',
    digestReminder: ({ file }) => `Recordatorio: todavía no hay plan para la próxima semana (${file}).`,
    digestPostProblem: ({ date, where, state, error }) => `${date} en ${where}: ${state}${error ? ` (${error})` : ''}`,
    postStateFailed: 'falló',
    postStateSkipped: 'omitida',
    digestRefused: ({ subject, detail }) => `${subject} rechazado: ${detail}`,

    alertRefused: ({ where, reason, disabled }) =>
      `prayerbot no publicará en ${where}: ${reason}.${disabled ? ' El canal queda desactivado hasta que el bot se reinicie.' : ''}`,
    alertGaveUp: ({ date, where, attempts, error, command }) =>
      `prayerbot dejó de intentar publicar la oración del ${date} en ${where} tras ${attempts} intentos (${error}). Envíela a mano con: ${command}`,
    alertUnverified: ({ date, where, error }) =>
      `prayerbot no pudo comprobar si la oración del ${date} ya llegó a ${where}, así que no envió nada (lo vuelve a intentar dentro del plazo de recuperación): ${error}`,
    alertGone: ({ where, error }) => `prayerbot desactivó ${where}: el canal está archivado o se eliminó (${error}).`,
    alertCouldNotPost: ({ date, where, error, command }) =>
      `prayerbot no pudo publicar la oración del ${date} en ${where}: ${error}. Envíela a mano con: ${command}`,
    alertStalePlan: ({ owner }) =>
      `una réplica de prayerbot (${owner}) tiene un plan más antiguo que otra réplica y no publicará hasta que sus config/ y prompts/ coincidan.`,
    alertNoPlan: ({ week, file }) =>
      `No hay plan para la semana del ${week} (${file}): no se publica nada esta semana hasta que se añada.`,
    alertMissed: ({ date, where, hours, command }) =>
      `La oración del ${date} no se envió a ${where}: llevaba más de ${hours} horas de retraso. Envíela a mano con: ${command}`,
    alertCannotTakeDown: ({ post, platform }) =>
      `prayerbot no puede retirar ${post}: la plataforma ${platform} no se está ejecutando aquí. Ejecute el bot con su token para que pueda hacerlo.`,
    alertTakeDownFailed: ({ post, date, error }) =>
      `prayerbot no pudo retirar ${post} (${date}): ${error}. Lo vuelve a intentar en la próxima revisión de caducidad.`,
    alertWipeIncomplete: ({ week, error }) =>
      `Quién oró en la semana del ${week} está borrado, pero todavía no se ha eliminado del disco: ${error}`,

    refusedMissing: 'el canal no existe o el bot no puede verlo',
    refusedArchived: 'el canal está archivado',
    refusedNoAccess: ({ detail }) => `el bot no tiene acceso al canal${detail ? ` (${detail})` : ''}`,
    refusedPublic:
      'el canal es público; las peticiones solo van a canales privados (ponga allow_public: true para enviarle las peticiones para todos)',
    refusedShared:
      'el canal está compartido con otra organización; las peticiones solo van a canales privados (ponga allow_public: true para enviarle las peticiones para todos)',
    refusedOutsiders: ({ viewers }) =>
      `este canal del personal es visible para personas fuera de los roles de lectura del personal: ${viewers}`,

    prayedButtonLabel: '🙏 He orado',
    prayedCounted: 'Contado — gracias.',
    prayedTakenBack: 'Retirado: ya no se le cuenta en esta publicación. Pulse de nuevo si sí oró.',
    prayedTakenBackReactionHolds: 'Su pulsación se ha retirado, pero el 🙏 que añadió a esta publicación sigue contando — gracias.',
    prayedRetired: 'Esta publicación de oración se ha retirado, así que no se contó nada. Gracias por orar.',
    prayedNotAPost: 'Esta no es una publicación de oración actual, así que no se contó nada.',
    restarting: 'prayerbot se está reiniciando. Vuelva a probar /pray en un minuto.',
    prayNoteNotPrivate: 'Este canal no es privado para el personal, así que aquí solo se muestran las peticiones destinadas a todos.',
    prayNoteUnchecked: 'Las peticiones solo para el personal se muestran aquí cuando prayerbot haya comprobado que este canal es privado; vuelva a preguntar en un momento.',
    alertReportRefused: ({ where, reason }) =>
      `prayerbot no envía informes del personal a ${where}: ${reason}. Los informes solo van a canales privados del personal: vuelva a hacerlo privado para el personal o quítelo de staff_report.`,
    reportRefusedPublic: 'el canal es público',
    reportRefusedShared: 'el canal está compartido con otra organización',
    reportRefusedOutsiders: ({ viewers }) => `el canal es visible para personas fuera de los roles de lectura del personal: ${viewers}`,

    commandPray: 'La oración de hoy, o la última petición de una región',
    commandPrayRegion: 'Una región (déjelo vacío para la publicación de hoy)',
    commandStaff: 'Coordinadores de oración: recuentos, la semana, retiradas',
    commandStats: 'Cuántos oraron, por región y plataforma',
    commandWeek: 'El plan de esta semana, día a día',
    commandRetract: 'Retirar ahora una petición de todas partes',
    commandRetractId: 'La petición, como SEMANA/ID (p. ej., 2026-10-12/eu-day)',
    commandHelp: 'Qué hacen los comandos de los coordinadores',
    commandCoordinator: 'Un enlace para entrar en la página de coordinación (solo usted lo ve)',
  },
};
