// Portuguese (pt-BR and pt-PT both find it). Written to read naturally in Brazil and be
// understood in Portugal: "você" forms in the third person, never "tu".
import type { Catalogue } from '../catalogue.js';

export const portuguese: Catalogue = {
  tag: 'pt',
  name: 'Portuguese',
  nativeName: 'português',
  reviewed: false,
  glossary: {
    pray: 'orar (never "rezar")',
    'prayer request': 'pedido de oração',
    post: 'publicação',
    'prayer coordinators': 'coordenadores de oração (staff in /pray help: "coordenadores")',
    'staff channel': 'canal da equipe',
    address: 'third person (você / imperative "reaja", "envie"), formal; never tu',
  },
  messages: {
    postTitle: ({ date }) => `Oração para ${date}`,
    regionPostTitle: ({ region, date }) => `${region} — oração para ${date}`,
    partOf: ({ part, count }) => ` (${part} de ${count})`,
    fallback: ({ regions }) => `Oração de hoje: ${regions}`,
    listSeparator: ', ',
    footer: 'Reaja com 🙏 quando tiver orado.',
    retirementNotice: 'Este pedido de oração foi retirado. Obrigado por orar.',

    help: [
      '/pray — o pedido de oração de hoje',
      '/pray <região> — o pedido atual dessa região (p. ex., /pray américa latina)',
      '/pray week — o plano desta semana',
      '/pray help — esta ajuda',
      'Coordenadores: /pray stats — a contagem desta semana; /pray retract SEMANA/ID — retira um pedido de todos os lugares; /pray coordinator — um link de acesso à página de coordenação',
    ].join('\n'),
    unknownRegion: ({ typed }) => `Não conheço nenhuma região chamada "${typed}". As regiões são:`,
    ambiguousRegion: ({ typed, regions }) => `"${typed}" pode ser ${regions}. As regiões são:`,
    or: ' ou ',
    staffOnly: 'Desculpe — essa forma de /pray é para os coordenadores de oração. Tente /pray ou /pray help.',
    coordinatorNotServed: 'A página de coordenação não é servida aqui: execute `prayerbot coordinator-link` onde o bot roda.',
    retractUsage: 'Uso: /pray retract SEMANA/ID (p. ex., 2026-10-12/latin-america-1) ou /pray retract SEMANA',
    noPostToday: ({ next }) =>
      `Não há publicação de oração hoje.${next ? ` A próxima será ${next}.` : ''} Peça /pray <região> para o pedido de uma região, ou /pray help.`,
    noCurrentRequest: ({ region }) => `Não há nenhum pedido atual para ${region}.`,
    noWeekPlan: ({ week }) => `Não há plano para a semana de ${week}.`,
    weekHeading: ({ date }) => `Esta semana (a partir de ${date}):`,
    weekNothing: 'Nada está previsto para este canal esta semana.',
    prayFailed: 'Desculpe — algo deu errado ao responder. Os coordenadores têm os detalhes no registro do bot.',
    retractBadSubject: ({ subject }) => `"${subject}" não é uma semana (2026-10-12) nem um pedido (2026-10-12/latin-america-1).`,
    retracted: ({ subject, done, failed }) =>
      `${subject} retirado: ${done} ${done === 1 ? 'cópia publicada removida' : 'cópias publicadas removidas'}${failed > 0 ? `, ${failed} não ${failed === 1 ? 'pôde ser removida' : 'puderam ser removidas'} (os coordenadores foram avisados)` : ''}. Não será publicado de novo até \`prayerbot retract --undo\`.`,

    statsHeading: ({ week }) => `Semana de ${week}`,
    tallyDate: 'data',
    tallyPlatform: 'plataforma',
    tallyChannel: 'canal',
    tallyPart: 'parte',
    tallyRegions: 'regiões',
    tallyPrayed: 'oraram',
    tallyTotal: 'total',
    tallyBeforeUndo: '(antes de desfazer)',

    digestHeading: ({ week, total, change }) =>
      `Contagem de oração da semana de ${week}: ${total} 🙏 no total${change ? ` (${change} em relação à semana passada)` : ''}`,
    digestByRegion: 'Por região',
    digestByPlatform: 'Por plataforma',
    digestProblems: 'Recusas e falhas',
    digestReminder: ({ file }) => `Lembrete: ainda não há plano para a próxima semana (${file}).`,
    digestPostProblem: ({ date, where, state, error }) => `${date} em ${where}: ${state}${error ? ` (${error})` : ''}`,
    postStateFailed: 'falhou',
    postStateSkipped: 'não enviada',
    digestRefused: ({ subject, detail }) => `${subject} recusado: ${detail}`,

    alertRefused: ({ where, reason, disabled }) =>
      `o prayerbot não vai publicar em ${where}: ${reason}.${disabled ? ' O canal fica desativado até o bot reiniciar.' : ''}`,
    alertGaveUp: ({ date, where, attempts, error, command }) =>
      `o prayerbot desistiu de publicar a oração de ${date} em ${where} após ${attempts} tentativas (${error}). Envie manualmente com: ${command}`,
    alertUnverified: ({ date, where, error }) =>
      `o prayerbot não conseguiu verificar se a oração de ${date} já chegou a ${where}, por isso não enviou nada (tenta de novo dentro da janela de recuperação): ${error}`,
    alertGone: ({ where, error }) => `o prayerbot desativou ${where}: o canal está arquivado ou foi excluído (${error}).`,
    alertCouldNotPost: ({ date, where, error, command }) =>
      `o prayerbot não conseguiu publicar a oração de ${date} em ${where}: ${error}. Envie manualmente com: ${command}`,
    alertStalePlan: ({ owner }) =>
      `uma réplica do prayerbot (${owner}) usa um plano mais antigo que outra réplica e não vai publicar até que seus config/ e prompts/ coincidam.`,
    alertNoPlan: ({ week, file }) =>
      `Não há plano para a semana de ${week} (${file}): nada é publicado esta semana até que ele seja adicionado.`,
    alertMissed: ({ date, where, hours, command }) =>
      `A oração de ${date} não foi enviada a ${where}: estava mais de ${hours} horas atrasada. Envie manualmente com: ${command}`,
    alertCannotTakeDown: ({ post, platform }) =>
      `o prayerbot não consegue retirar ${post}: a plataforma ${platform} não está em execução aqui. Execute o bot com o token dela para que ele possa fazê-lo.`,
    alertTakeDownFailed: ({ post, date, error }) =>
      `o prayerbot não conseguiu retirar ${post} (${date}): ${error}. Ele tenta de novo na próxima verificação de validade.`,
    alertWipeIncomplete: ({ week, error }) =>
      `Quem orou na semana de ${week} foi apagado, mas ainda não foi eliminado do disco: ${error}`,

    refusedMissing: 'o canal não existe ou o bot não consegue vê-lo',
    refusedArchived: 'o canal está arquivado',
    refusedNoAccess: ({ detail }) => `o bot não tem acesso ao canal${detail ? ` (${detail})` : ''}`,
    refusedPublic:
      'o canal é público; os pedidos só vão para canais privados (defina allow_public: true para enviar a ele os pedidos para todos)',
    refusedShared:
      'o canal é compartilhado com outra organização; os pedidos só vão para canais privados (defina allow_public: true para enviar a ele os pedidos para todos)',
    refusedOutsiders: ({ viewers }) => `este canal da equipe é visível para pessoas fora das funções de leitura da equipe: ${viewers}`,

    prayedButtonLabel: '🙏 Orei',
    prayedCounted: 'Contado — obrigado.',
    prayedTakenBack: 'Desfeito: você não é mais contado nesta publicação. Pressione de novo se orou.',
    prayedTakenBackReactionHolds: 'Seu clique foi desfeito, mas o 🙏 que você adicionou a esta publicação continua contando — obrigado.',
    prayedRetired: 'Esta publicação de oração foi retirada, então nada foi contado. Obrigado por orar.',
    prayedNotAPost: 'Esta não é uma publicação de oração atual, então nada foi contado.',
    restarting: 'O prayerbot está reiniciando. Tente /pray de novo em um minuto.',
    prayNoteNotPrivate: 'Este canal não é privado para a equipe, então aqui só aparecem os pedidos destinados a todos.',
    prayNoteUnchecked: 'Os pedidos só para a equipe aparecem aqui depois que o prayerbot verificar que este canal é privado; pergunte de novo daqui a pouco.',
    alertReportRefused: ({ where, reason }) =>
      `o prayerbot não envia relatórios da equipe para ${where}: ${reason}. Os relatórios só vão para canais privados da equipe: torne-o privado para a equipe de novo ou remova-o de staff_report.`,
    reportRefusedPublic: 'o canal é público',
    reportRefusedShared: 'o canal é compartilhado com outra organização',
    reportRefusedOutsiders: ({ viewers }) => `o canal é visível para pessoas fora das funções de leitura da equipe: ${viewers}`,

    commandPray: 'A oração de hoje, ou o pedido mais recente de uma região',
    commandPrayRegion: 'Uma região (deixe vazio para a publicação de hoje)',
    commandStaff: 'Coordenadores de oração: contagens, a semana, retiradas',
    commandStats: 'Quantos oraram, por região e plataforma',
    commandWeek: 'O plano desta semana, dia a dia',
    commandRetract: 'Retirar agora um pedido de todos os lugares',
    commandRetractId: 'O pedido, como SEMANA/ID (p. ex., 2026-10-12/eu-day)',
    commandHelp: 'O que fazem os comandos dos coordenadores',
    commandCoordinator: 'Um link de acesso à página de coordenação (só você o vê)',
  },
};
