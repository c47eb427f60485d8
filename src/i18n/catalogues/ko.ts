// Korean.
import type { Catalogue } from '../catalogue.js';

export const korean: Catalogue = {
  tag: 'ko',
  name: 'Korean',
  nativeName: '한국어',
  reviewed: false,
  glossary: {
    pray: '기도하다',
    'prayer request': '기도 제목',
    post: '게시물; to post: 게시하다',
    'prayer coordinators': '기도 코디네이터 (staff in /pray help: "코디네이터")',
    'staff channel': '스태프 채널',
    replica: '복제본',
    address: 'formal 합쇼체 (-습니다, -십시오); honorific -시- towards the reader',
  },
  messages: {
    postTitle: ({ date }) => `${date} 기도`,
    regionPostTitle: ({ region, date }) => `${region} — ${date} 기도`,
    partOf: ({ part, count }) => ` (${part}/${count})`,
    fallback: ({ regions }) => `오늘의 기도: ${regions}`,
    listSeparator: ', ',
    footer: '기도하셨으면 🙏 반응을 남겨 주십시오.',
    retirementNotice: '이 기도 제목은 종료되었습니다. 기도해 주셔서 감사합니다.',

    help: [
      '/pray — 오늘의 기도 제목',
      '/pray <지역> — 그 지역의 현재 기도 제목 (예: /pray 라틴 아메리카)',
      '/pray week — 이번 주 계획',
      '/pray help — 이 도움말',
      '코디네이터: /pray stats — 이번 주 집계; /pray retract 주/ID — 기도 제목을 모든 곳에서 내리기; /pray coordinator — 코디네이터 페이지 로그인 링크',
    ].join('\n'),
    unknownRegion: ({ typed }) => `"${typed}"(이)라는 지역을 찾을 수 없습니다. 지역 목록은 다음과 같습니다:`,
    ambiguousRegion: ({ typed, regions }) => `"${typed}"은(는) ${regions} 중 하나일 수 있습니다. 지역 목록은 다음과 같습니다:`,
    or: ' 또는 ',
    staffOnly: '죄송합니다. 이 형태의 /pray는 기도 코디네이터 전용입니다. /pray 또는 /pray help를 사용해 주십시오.',
    coordinatorNotServed: '여기에서는 코디네이터 페이지를 제공하지 않습니다. 봇이 실행되는 곳에서 `prayerbot coordinator-link`를 실행하세요.',
    retractUsage: '사용법: /pray retract 주/ID (예: 2026-10-12/latin-america-1) 또는 /pray retract 주',
    noPostToday: ({ next }) =>
      `오늘은 기도 게시물이 없습니다.${next ? ` 다음 게시물은 ${next}입니다.` : ''} 지역의 기도 제목은 /pray <지역>으로, 도움말은 /pray help로 확인하십시오.`,
    noCurrentRequest: ({ region }) => `${region}의 현재 기도 제목이 없습니다.`,
    noWeekPlan: ({ week }) => `${week} 주간의 계획이 없습니다.`,
    weekHeading: ({ date }) => `이번 주 (${date}부터):`,
    weekNothing: '이번 주 이 채널에 계획된 것이 없습니다.',
    prayFailed: '죄송합니다. 답변하는 중에 문제가 생겼습니다. 자세한 내용은 코디네이터가 봇 로그에서 확인할 수 있습니다.',
    retractBadSubject: ({ subject }) => `"${subject}"은(는) 주(2026-10-12)나 기도 제목(2026-10-12/latin-america-1)이 아닙니다.`,
    retracted: ({ subject, done, failed }) =>
      `${subject} 철회: 게시된 사본 ${done}개를 내렸습니다${failed > 0 ? `. ${failed}개는 내리지 못했습니다(코디네이터에게 알렸습니다)` : ''}. \`prayerbot retract --undo\` 전까지 다시 게시되지 않습니다.`,

    statsHeading: ({ week }) => `${week} 주간`,
    tallyDate: '날짜',
    tallyPlatform: '플랫폼',
    tallyChannel: '채널',
    tallyPart: '부분',
    tallyRegions: '지역',
    tallyPrayed: '기도 수',
    tallyTotal: '합계',
    tallyBeforeUndo: '(취소 전)',

    digestHeading: ({ week, total, change }) =>
      `${week} 주간 기도 집계: 모두 ${total} 🙏${change ? ` (지난주 대비 ${change})` : ''}`,
    digestByRegion: '지역별',
    digestByPlatform: '플랫폼별',
    digestProblems: '거부 및 실패',
    digestReminder: ({ file }) => `알림: 다음 주 계획이 아직 없습니다 (${file}).`,
    digestPostProblem: ({ date, where, state, error }) => `${date} → ${where}: ${state}${error ? ` (${error})` : ''}`,
    postStateFailed: '실패',
    postStateSkipped: '건너뜀',
    digestRefused: ({ subject, detail }) => `${subject} 거부: ${detail}`,

    alertRefused: ({ where, reason, disabled }) =>
      `prayerbot은 ${where}에 게시하지 않습니다: ${reason}.${disabled ? ' 봇이 다시 시작될 때까지 이 채널은 비활성화됩니다.' : ''}`,
    alertGaveUp: ({ date, where, attempts, error, command }) =>
      `prayerbot이 ${attempts}번 시도한 끝에 ${date} 기도를 ${where}에 게시하는 것을 중단했습니다 (${error}). 다음 명령으로 직접 보내십시오: ${command}`,
    alertUnverified: ({ date, where, error }) =>
      `prayerbot이 ${date} 기도가 이미 ${where}에 도착했는지 확인하지 못해 아무것도 보내지 않았습니다 (따라잡기 시간 안에 다시 시도합니다): ${error}`,
    alertGone: ({ where, error }) => `prayerbot이 ${where}을(를) 비활성화했습니다: 채널이 보관되었거나 삭제되었습니다 (${error}).`,
    alertCouldNotPost: ({ date, where, error, command }) =>
      `prayerbot이 ${date} 기도를 ${where}에 게시하지 못했습니다: ${error}. 다음 명령으로 직접 보내십시오: ${command}`,
    alertStalePlan: ({ owner }) =>
      `prayerbot 복제본(${owner})이 다른 복제본보다 오래된 계획을 실행 중이므로 config/와 prompts/가 일치할 때까지 게시하지 않습니다.`,
    alertNoPlan: ({ week, file }) =>
      `${week} 주간의 계획이 없습니다 (${file}): 추가될 때까지 이번 주에는 아무것도 게시되지 않습니다.`,
    alertMissed: ({ date, where, hours, command }) =>
      `${date} 기도가 ${where}에 전송되지 않았습니다: ${hours}시간 넘게 늦었습니다. 다음 명령으로 직접 보내십시오: ${command}`,
    alertCannotTakeDown: ({ post, platform }) =>
      `prayerbot이 ${post}을(를) 내릴 수 없습니다: 여기서 ${platform} 플랫폼이 실행되고 있지 않습니다. 해당 토큰을 설정하고 봇을 실행해 주십시오.`,
    alertTakeDownFailed: ({ post, date, error }) =>
      `prayerbot이 ${post}(${date})을(를) 내리지 못했습니다: ${error}. 다음 보존 기간 점검 때 다시 시도합니다.`,
    alertWipeIncomplete: ({ week, error }) =>
      `${week} 주간에 누가 기도했는지는 삭제되었지만 아직 디스크에서 완전히 지워지지 않았습니다: ${error}`,

    refusedMissing: '채널이 없거나 봇이 채널을 볼 수 없습니다',
    refusedArchived: '채널이 보관되었습니다',
    refusedNoAccess: ({ detail }) => `봇이 채널에 접근할 수 없습니다${detail ? ` (${detail})` : ''}`,
    refusedPublic:
      '채널이 공개되어 있습니다. 기도 제목은 비공개 채널로만 보냅니다 (모두를 위한 기도 제목을 보내려면 allow_public: true로 설정하십시오)',
    refusedShared:
      '채널이 다른 조직과 공유되어 있습니다. 기도 제목은 비공개 채널로만 보냅니다 (모두를 위한 기도 제목을 보내려면 allow_public: true로 설정하십시오)',
    refusedOutsiders: ({ viewers }) => `이 스태프 채널은 스태프 열람 역할 밖의 사람들에게도 보입니다: ${viewers}`,

    prayedButtonLabel: '🙏 기도했습니다',
    prayedCounted: '집계되었습니다. 감사합니다.',
    prayedTakenBack: '취소되었습니다. 이 게시물에서 더 이상 집계되지 않습니다. 기도하셨다면 다시 눌러 주십시오.',
    prayedTakenBackReactionHolds: '누르신 것은 취소되었지만, 이 게시물에 남기신 🙏 반응은 계속 집계됩니다. 감사합니다.',
    prayedRetired: '이 기도 게시물은 종료되어 아무것도 집계되지 않았습니다. 기도해 주셔서 감사합니다.',
    prayedNotAPost: '현재 기도 게시물이 아니므로 아무것도 집계되지 않았습니다.',
    restarting: 'prayerbot이 다시 시작하는 중입니다. 1분 후에 /pray를 다시 시도해 주십시오.',
    prayNoteNotPrivate: '이 채널은 스태프 전용 비공개 채널이 아니므로 여기에는 모두를 위한 기도 제목만 표시됩니다.',
    prayNoteUnchecked: '스태프 전용 기도 제목은 prayerbot이 이 채널이 비공개인지 확인한 뒤에 여기에 표시됩니다. 잠시 후 다시 요청해 주십시오.',
    alertReportRefused: ({ where, reason }) =>
      `prayerbot은 ${where}에 스태프 보고를 보내지 않습니다: ${reason}. 보고는 스태프 전용 비공개 채널로만 보냅니다. 채널을 다시 스태프 전용 비공개로 만들거나 staff_report에서 제거하십시오.`,
    reportRefusedPublic: '채널이 공개되어 있습니다',
    reportRefusedShared: '채널이 다른 조직과 공유되어 있습니다',
    reportRefusedOutsiders: ({ viewers }) => `채널이 스태프 열람 역할 밖의 사람들에게도 보입니다: ${viewers}`,

    commandPray: '오늘의 기도, 또는 한 지역의 최신 기도 제목',
    commandPrayRegion: '지역 (비워 두면 오늘의 게시물)',
    commandStaff: '기도 코디네이터: 집계, 이번 주, 철회',
    commandStats: '기도한 사람 수, 지역별·플랫폼별',
    commandWeek: '이번 주 계획, 날짜별',
    commandRetract: '기도 제목을 지금 모든 곳에서 내리기',
    commandRetractId: '기도 제목, 주/ID 형식 (예: 2026-10-12/eu-day)',
    commandHelp: '코디네이터 명령어 안내',
    commandCoordinator: '코디네이터 페이지 로그인 링크 (본인만 볼 수 있음)',
  },
};
