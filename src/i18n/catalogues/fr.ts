// French (fr-FR, fr-CA, fr-BE … all find it).
import type { Catalogue } from '../catalogue.js';

export const french: Catalogue = {
  tag: 'fr',
  name: 'French',
  nativeName: 'français',
  reviewed: false,
  glossary: {
    pray: 'prier',
    'prayer request': 'sujet de prière',
    post: 'publication',
    'prayer coordinators': 'coordinateurs de prière (staff in /pray help: "coordinateurs")',
    'staff channel': 'canal du personnel',
    address: 'vous, formal; never tu',
    punctuation: 'a space before ":" and ";"; «…» around what the person typed',
  },
  messages: {
    postTitle: ({ date }) => `Prière pour le ${date}`,
    regionPostTitle: ({ region, date }) => `${region} — prière pour le ${date}`,
    partOf: ({ part, count }) => ` (${part} sur ${count})`,
    fallback: ({ regions }) => `Prière du jour : ${regions}`,
    listSeparator: ', ',
    footer: 'Réagissez avec 🙏 quand vous avez prié.',
    retirementNotice: 'Ce sujet de prière a été retiré. Merci d’avoir prié.',

    help: [
      '/pray — le sujet de prière du jour',
      '/pray <région> — le sujet actuel de cette région (p. ex. /pray amérique latine)',
      '/pray week — le programme de la semaine',
      '/pray help — cette aide',
      'Coordinateurs : /pray stats — le décompte de la semaine ; /pray retract SEMAINE/ID — retirer un sujet partout ; /pray coordinator — un lien de connexion à la page de coordination',
    ].join('\n'),
    unknownRegion: ({ typed }) => `Je ne connais pas de région appelée « ${typed} ». Les régions sont :`,
    ambiguousRegion: ({ typed, regions }) => `« ${typed} » peut désigner ${regions}. Les régions sont :`,
    or: ' ou ',
    staffOnly: 'Désolé — cette forme de /pray est réservée aux coordinateurs de prière. Essayez /pray ou /pray help.',
    coordinatorNotServed: 'La page de coordination n’est pas servie ici : lancez `prayerbot coordinator-link` là où tourne le bot.',
    retractUsage: 'Utilisation : /pray retract SEMAINE/ID (p. ex. 2026-10-12/latin-america-1) ou /pray retract SEMAINE',
    noPostToday: ({ next }) =>
      `Il n’y a pas de publication de prière aujourd’hui.${next ? ` La prochaine est le ${next}.` : ''} Demandez /pray <région> pour le sujet d’une région, ou /pray help.`,
    noCurrentRequest: ({ region }) => `Il n’y a pas de sujet en cours pour ${region}.`,
    noWeekPlan: ({ week }) => `Il n’y a pas de programme pour la semaine du ${week}.`,
    weekHeading: ({ date }) => `Cette semaine (à partir du ${date}) :`,
    weekNothing: 'Rien n’est prévu pour ce canal cette semaine.',
    prayFailed: 'Désolé — un problème est survenu pendant la réponse. Les coordinateurs trouveront les détails dans le journal du bot.',
    retractBadSubject: ({ subject }) => `« ${subject} » n’est ni une semaine (2026-10-12) ni un sujet (2026-10-12/latin-america-1).`,
    retracted: ({ subject, done, failed }) =>
      `${subject} retiré : ${done} ${done <= 1 ? 'copie publiée retirée' : 'copies publiées retirées'}${failed > 0 ? `, ${failed} ${failed <= 1 ? 'n’a pas pu l’être' : 'n’ont pas pu l’être'} (les coordinateurs ont été prévenus)` : ''}. Il ne sera plus publié avant \`prayerbot retract --undo\`.`,

    statsHeading: ({ week }) => `Semaine du ${week}`,
    tallyDate: 'date',
    tallyPlatform: 'plateforme',
    tallyChannel: 'canal',
    tallyPart: 'partie',
    tallyRegions: 'régions',
    tallyPrayed: 'ont prié',
    tallyTotal: 'total',
    tallyBeforeUndo: '(avant annulation)',

    digestHeading: ({ week, total, change }) =>
      `Décompte de prière de la semaine du ${week} : ${total} 🙏 en tout${change ? ` (${change} par rapport à la semaine dernière)` : ''}`,
    digestByRegion: 'Par région',
    digestByPlatform: 'Par plateforme',
    digestProblems: 'Refus et échecs',
    digestReminder: ({ file }) => `Rappel : il n’y a pas encore de programme pour la semaine prochaine (${file}).`,
    digestPostProblem: ({ date, where, state, error }) => `${date} vers ${where} : ${state}${error ? ` (${error})` : ''}`,
    postStateFailed: 'échec',
    postStateSkipped: 'non envoyée',
    digestRefused: ({ subject, detail }) => `${subject} refusé : ${detail}`,

    alertRefused: ({ where, reason, disabled }) =>
      `prayerbot ne publiera pas dans ${where} : ${reason}.${disabled ? ' Le canal est désactivé jusqu’au redémarrage du bot.' : ''}`,
    alertGaveUp: ({ date, where, attempts, error, command }) =>
      `prayerbot a renoncé à publier la prière du ${date} dans ${where} après ${attempts} tentatives (${error}). Envoyez-la à la main avec : ${command}`,
    alertUnverified: ({ date, where, error }) =>
      `prayerbot n’a pas pu vérifier si la prière du ${date} était déjà arrivée dans ${where} ; il n’a donc rien envoyé (il réessaie pendant la période de rattrapage) : ${error}`,
    alertGone: ({ where, error }) => `prayerbot a désactivé ${where} : le canal est archivé ou a été supprimé (${error}).`,
    alertCouldNotPost: ({ date, where, error, command }) =>
      `prayerbot n’a pas pu publier la prière du ${date} dans ${where} : ${error}. Envoyez-la à la main avec : ${command}`,
    alertStalePlan: ({ owner }) =>
      `une réplique de prayerbot (${owner}) utilise un programme plus ancien qu’une autre réplique et ne publiera pas tant que ses config/ et prompts/ ne correspondent pas.`,
    alertNoPlan: ({ week, file }) =>
      `Il n’y a pas de programme pour la semaine du ${week} (${file}) : rien n’est publié cette semaine tant qu’il n’est pas ajouté.`,
    alertMissed: ({ date, where, hours, command }) =>
      `La prière du ${date} n’a pas été envoyée dans ${where} : elle avait plus de ${hours} heures de retard. Envoyez-la à la main avec : ${command}`,
    alertCannotTakeDown: ({ post, platform }) =>
      `prayerbot ne peut pas retirer ${post} : la plateforme ${platform} ne tourne pas ici. Lancez le bot avec son jeton pour qu’il le puisse.`,
    alertTakeDownFailed: ({ post, date, error }) =>
      `prayerbot n’a pas pu retirer ${post} (${date}) : ${error}. Il réessaie au prochain passage d’expiration.`,
    alertWipeIncomplete: ({ week, error }) =>
      `Qui a prié pendant la semaine du ${week} est supprimé, mais pas encore effacé du disque : ${error}`,

    refusedMissing: 'le canal n’existe pas ou le bot ne peut pas le voir',
    refusedArchived: 'le canal est archivé',
    refusedNoAccess: ({ detail }) => `le bot n’a pas accès au canal${detail ? ` (${detail})` : ''}`,
    refusedPublic:
      'le canal est public ; les sujets ne vont que dans des canaux privés (mettez allow_public: true pour lui envoyer les sujets destinés à tous)',
    refusedShared:
      'le canal est partagé avec une autre organisation ; les sujets ne vont que dans des canaux privés (mettez allow_public: true pour lui envoyer les sujets destinés à tous)',
    refusedOutsiders: ({ viewers }) => `ce canal du personnel est visible par des personnes hors des rôles de lecture du personnel : ${viewers}`,

    prayedButtonLabel: '🙏 J’ai prié',
    prayedCounted: 'C’est compté — merci.',
    prayedTakenBack: 'Annulé : vous n’êtes plus compté pour cette publication. Appuyez de nouveau si vous avez prié.',
    prayedTakenBackReactionHolds: 'Votre appui est annulé, mais le 🙏 que vous avez ajouté à cette publication compte toujours — merci.',
    prayedRetired: 'Cette publication de prière a été retirée, donc rien n’a été compté. Merci d’avoir prié.',
    prayedNotAPost: 'Ce n’est pas une publication de prière en cours, donc rien n’a été compté.',
    restarting: 'prayerbot redémarre. Réessayez /pray dans une minute.',
    prayNoteNotPrivate: 'Ce canal n’est pas réservé au personnel, donc seuls les sujets destinés à tous sont affichés ici.',
    prayNoteUnchecked: 'Les sujets réservés au personnel s’affichent ici une fois que prayerbot a vérifié que ce canal est privé ; redemandez dans un instant.',
    alertReportRefused: ({ where, reason }) =>
      `prayerbot n’envoie aucun rapport du personnel dans ${where} : ${reason}. Les rapports ne vont que dans des canaux privés du personnel : rendez-le de nouveau privé au personnel, ou retirez-le de staff_report.`,
    reportRefusedPublic: 'le canal est public',
    reportRefusedShared: 'le canal est partagé avec une autre organisation',
    reportRefusedOutsiders: ({ viewers }) => `le canal est visible par des personnes hors des rôles de lecture du personnel : ${viewers}`,

    commandPray: 'La prière du jour, ou le dernier sujet d’une région',
    commandPrayRegion: 'Une région (laissez vide pour la publication du jour)',
    commandStaff: 'Coordinateurs de prière : décomptes, la semaine, retraits',
    commandStats: 'Combien ont prié, par région et par plateforme',
    commandWeek: 'Le programme de la semaine, jour par jour',
    commandRetract: 'Retirer un sujet partout, maintenant',
    commandRetractId: 'Le sujet, sous la forme SEMAINE/ID (p. ex. 2026-10-12/eu-day)',
    commandHelp: 'Ce que font les commandes des coordinateurs',
    commandCoordinator: 'Un lien de connexion à la page de coordination (vous seul le voyez)',
  },
};
