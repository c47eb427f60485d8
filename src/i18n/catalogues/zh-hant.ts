// Traditional Chinese (zh-Hant; zh-TW, zh-HK and zh-MO find it through their likely script).
// Simplified Chinese (zh, zh-CN, zh-Hans) is not shipped: those channels read English.
import type { Catalogue } from '../catalogue.js';

export const traditionalChinese: Catalogue = {
  tag: 'zh-Hant',
  name: 'Traditional Chinese',
  nativeName: '繁體中文',
  reviewed: false,
  glossary: {
    pray: '禱告 (Protestant usage; not 祈禱)',
    'prayer request': '代禱事項',
    post: '貼文; to post: 發布',
    'prayer coordinators': '禱告協調人',
    staff: '同工',
    replica: '副本',
    address: '您, formal; never 你',
    punctuation: 'full-width ，。：；（） and 「…」 around what the person typed',
  },
  messages: {
    postTitle: ({ date }) => `代禱：${date}`,
    regionPostTitle: ({ region, date }) => `${region} — 代禱：${date}`,
    partOf: ({ part, count }) => `（${part}/${count}）`,
    fallback: ({ regions }) => `今日代禱：${regions}`,
    listSeparator: '、',
    footer: '禱告後請以 🙏 回應。',
    retirementNotice: '此代禱事項已結束。感謝您的禱告。',

    help: [
      '/pray — 今日的代禱事項',
      '/pray <地區> — 該地區目前的代禱事項（例如 /pray 拉丁美洲）',
      '/pray week — 本週計畫',
      '/pray help — 本說明',
      '同工：/pray stats — 本週統計；/pray retract 週/ID — 在所有地方撤下一項代禱事項；/pray coordinator — 協調人頁面的登入連結',
    ].join('\n'),
    unknownRegion: ({ typed }) => `找不到名為「${typed}」的地區。地區如下：`,
    ambiguousRegion: ({ typed, regions }) => `「${typed}」可能是${regions}。地區如下：`,
    or: '或',
    staffOnly: '抱歉，這種 /pray 用法僅供禱告協調人使用。請試試 /pray 或 /pray help。',
    coordinatorNotServed: '此處未提供協調人頁面：請在執行機器人的主機上執行 `prayerbot coordinator-link`。',
    retractUsage: '用法：/pray retract 週/ID（例如 2026-10-12/latin-america-1）或 /pray retract 週',
    noPostToday: ({ next }) =>
      `今天沒有代禱貼文。${next ? `下一則在${next}。` : ''}輸入 /pray <地區> 查看該地區的代禱事項，或輸入 /pray help。`,
    noCurrentRequest: ({ region }) => `${region}目前沒有代禱事項。`,
    noWeekPlan: ({ week }) => `沒有 ${week} 這一週的計畫。`,
    weekHeading: ({ date }) => `本週（自${date}起）：`,
    weekNothing: '本週此頻道沒有安排任何內容。',
    prayFailed: '抱歉，回覆時發生問題。協調人可在機器人的日誌中查看詳情。',
    retractBadSubject: ({ subject }) => `「${subject}」不是週（2026-10-12），也不是代禱事項（2026-10-12/latin-america-1）。`,
    retracted: ({ subject, done, failed }) =>
      `已撤下 ${subject}：撤下了 ${done} 則已發布的貼文${failed > 0 ? `，另有 ${failed} 則無法撤下（已通知同工）` : ''}。在執行 \`prayerbot retract --undo\` 之前不會再發布。`,

    statsHeading: ({ week }) => `${week} 當週`,
    tallyDate: '日期',
    tallyPlatform: '平台',
    tallyChannel: '頻道',
    tallyPart: '部分',
    tallyRegions: '地區',
    tallyPrayed: '禱告人數',
    tallyTotal: '總計',
    tallyBeforeUndo: '（復原前）',

    digestHeading: ({ week, total, change }) => `${week} 當週禱告統計：共 ${total} 🙏${change ? `（與上週相比 ${change}）` : ''}`,
    digestByRegion: '依地區',
    digestByPlatform: '依平台',
    digestProblems: '拒絕與失敗',
    digestReminder: ({ file }) => `提醒：下週的計畫尚未建立（${file}）。`,
    digestPostProblem: ({ date, where, state, error }) => `${date} → ${where}：${state}${error ? `（${error}）` : ''}`,
    postStateFailed: '失敗',
    postStateSkipped: '已略過',
    digestRefused: ({ subject, detail }) => `已拒絕 ${subject}：${detail}`,

    alertRefused: ({ where, reason, disabled }) =>
      `prayerbot 不會在 ${where} 發布：${reason}。${disabled ? '在機器人重新啟動前，此頻道已停用。' : ''}`,
    alertGaveUp: ({ date, where, attempts, error, command }) =>
      `prayerbot 嘗試 ${attempts} 次後，放棄在 ${where} 發布${date}的代禱貼文（${error}）。請用以下指令手動發送：${command}`,
    alertUnverified: ({ date, where, error }) =>
      `prayerbot 無法確認${date}的代禱貼文是否已送達 ${where}，因此沒有發送任何內容（會在補發時限內重試）：${error}`,
    alertGone: ({ where, error }) => `prayerbot 已停用 ${where}：此頻道已封存或已刪除（${error}）。`,
    alertCouldNotPost: ({ date, where, error, command }) =>
      `prayerbot 無法在 ${where} 發布${date}的代禱貼文：${error}。請用以下指令手動發送：${command}`,
    alertStalePlan: ({ owner }) =>
      `某個 prayerbot 副本（${owner}）執行的計畫比另一個副本舊，在其 config/ 與 prompts/ 一致之前不會發布。`,
    alertNoPlan: ({ week, file }) => `沒有 ${week} 這一週的計畫（${file}）：加入之前，本週不會發布任何內容。`,
    alertMissed: ({ date, where, hours, command }) =>
      `${date}的代禱貼文沒有送到 ${where}：已延遲超過 ${hours} 小時。請用以下指令手動發送：${command}`,
    alertCannotTakeDown: ({ post, platform }) =>
      `prayerbot 無法撤下 ${post}：此處沒有執行 ${platform} 平台。請以該平台的權杖執行機器人。`,
    alertTakeDownFailed: ({ post, date, error }) => `prayerbot 無法撤下 ${post}（${date}）：${error}。會在下一次到期檢查時重試。`,
    alertWipeIncomplete: ({ week, error }) => `${week} 這一週的禱告者紀錄已刪除，但尚未從磁碟上抹除：${error}`,

    refusedMissing: '頻道不存在，或機器人看不到它',
    refusedArchived: '頻道已封存',
    refusedNoAccess: ({ detail }) => `機器人無法存取此頻道${detail ? `（${detail}）` : ''}`,
    refusedPublic: '頻道是公開的；代禱事項只會發到私人頻道（設定 allow_public: true 可向它發送給所有人的代禱事項）',
    refusedShared: '頻道與其他組織共用；代禱事項只會發到私人頻道（設定 allow_public: true 可向它發送給所有人的代禱事項）',
    refusedOutsiders: ({ viewers }) => `這個同工頻道可被同工檢視角色以外的人看到：${viewers}`,

    prayedButtonLabel: '🙏 我已禱告',
    prayedCounted: '已計入，謝謝您。',
    prayedTakenBack: '已收回：這則貼文不再計入您。若您確實禱告了，請再按一次。',
    prayedTakenBackReactionHolds: '您的按鈕已收回，但您在這則貼文加上的 🙏 仍然計入，謝謝您。',
    prayedRetired: '這則禱告貼文已結束，因此沒有計入。感謝您的禱告。',
    prayedNotAPost: '這不是目前的禱告貼文，因此沒有計入。',
    restarting: 'prayerbot 正在重新啟動。請在一分鐘後再試一次 /pray。',
    prayNoteNotPrivate: '這個頻道並非同工專屬的私人頻道，因此這裡只顯示給所有人的代禱事項。',
    prayNoteUnchecked: '待 prayerbot 確認這個頻道是私人頻道後，這裡才會顯示同工專屬的代禱事項；請稍後再問一次。',
    alertReportRefused: ({ where, reason }) =>
      `prayerbot 不會向 ${where} 發送同工報告：${reason}。報告只會發到同工專屬的私人頻道：請將它重新設為同工專屬的私人頻道，或將它從 staff_report 移除。`,
    reportRefusedPublic: '頻道是公開的',
    reportRefusedShared: '頻道與其他組織共用',
    reportRefusedOutsiders: ({ viewers }) => `頻道可被同工檢視角色以外的人看到：${viewers}`,

    commandPray: '今日的禱告，或某地區最新的代禱事項',
    commandPrayRegion: '地區（留空則顯示今日貼文）',
    commandStaff: '禱告協調人：統計、本週、撤下',
    commandStats: '禱告人數，依地區與平台',
    commandWeek: '本週計畫，逐日列出',
    commandRetract: '立即在所有地方撤下一項代禱事項',
    commandRetractId: '代禱事項，格式為 週/ID（例如 2026-10-12/eu-day）',
    commandHelp: '協調人指令的說明',
    commandCoordinator: '協調人頁面的登入連結（只有您看得到）',
  },
};
