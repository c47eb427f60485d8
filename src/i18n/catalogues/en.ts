// English: the reference catalogue. Every other language's keys and parameters are typed
// from this one, and any message a language lacks is taken from here.
//
// A message is a string, or a function of named parameters when it interpolates. Parameters
// arrive already formatted (dates through Intl, region names already localised), so a
// catalogue only places them.

export const english = {
  // --- The daily post --------------------------------------------------------------------
  /** The post's title; `date` is the full date, e.g. "Tuesday, October 13, 2026". */
  postTitle: ({ date }: { date: string }) => `Prayer for ${date}`,
  /** The title of `/pray <region>`'s answer. */
  regionPostTitle: ({ region, date }: { region: string; date: string }) => `${region} — prayer for ${date}`,
  /** Appended to the title and the fallback of a post split into parts. */
  partOf: ({ part, count }: { part: number; count: number }) => ` (${part} of ${count})`,
  /** Notifications and lock screens: region names only, never a request's words. */
  fallback: ({ regions }: { regions: string }) => `Today's prayer: ${regions}`,
  /** Joins region names in a list (region names may themselves hold "&"). */
  listSeparator: ', ',
  footer: 'React 🙏 when you have prayed.',
  /** What a retired post is replaced with (config `retire: edit`). */
  retirementNotice: 'This prayer request has been retired. Thank you for praying.',

  // --- The private "I prayed" button (config `prayed_button`); only the presser reads the answers
  prayedButtonLabel: '🙏 I prayed',
  prayedCounted: 'Counted — thank you.',
  prayedTakenBack: 'Taken back: you are no longer counted for this post. Press again if you did pray.',
  prayedTakenBackReactionHolds: 'Your press is taken back, but the 🙏 you added to this post still counts — thank you.',
  prayedRetired: 'This prayer post has been retired, so nothing was counted. Thank you for praying.',
  prayedNotAPost: 'This is not a current prayer post, so nothing was counted.',

  // --- /pray -----------------------------------------------------------------------------
  /** The keywords (week, help, stats, retract) stay as typed: /pray understands them in English. */
  help: [
    '/pray — today\'s prayer request',
    '/pray <region> — that region\'s current request (e.g. /pray latin america)',
    '/pray week — this week\'s plan',
    '/pray help — this help',
    'Staff: /pray stats — this week\'s tally; /pray retract WEEK/ID — take a request down everywhere; /pray coordinator — a sign-in link to the coordinator page',
  ].join('\n'),
  unknownRegion: ({ typed }: { typed: string }) => `I don't know a region called "${typed}". The regions are:`,
  /** `regions`: the candidates joined with `or`. */
  ambiguousRegion: ({ typed, regions }: { typed: string; regions: string }) => `"${typed}" could be ${regions}. The regions are:`,
  or: ' or ',
  staffOnly: 'Sorry — that form of /pray is for the prayer coordinators. Try /pray or /pray help.',
  coordinatorNotServed: 'The coordinator page is not served here: run `prayerbot coordinator-link` where the bot runs.',
  retractUsage: 'Usage: /pray retract WEEK/ID (e.g. 2026-10-12/latin-america-1) or /pray retract WEEK',
  /** `next`: the date of the next post, when there is one. */
  noPostToday: ({ next }: { next?: string }) =>
    `There is no prayer post today.${next ? ` The next is on ${next}.` : ''} Ask /pray <region> for a region's request, or /pray help.`,
  noCurrentRequest: ({ region }: { region: string }) => `There is no current request for ${region}.`,
  noWeekPlan: ({ week }: { week: string }) => `There is no plan for the week of ${week}.`,
  weekHeading: ({ date }: { date: string }) => `This week (from ${date}):`,
  weekNothing: 'Nothing is planned for this channel this week.',
  prayFailed: "Sorry — something went wrong answering that. The coordinators have the details in the bot's log.",
  /** While the bot stops (a restart, a deploy). */
  restarting: 'prayerbot is restarting. Try /pray again in a minute.',
  /** Under an answer in a listed staff channel the privacy guard refuses (made public, shared, seen by others). */
  prayNoteNotPrivate: 'This channel is not private to staff, so only requests meant for everyone are shown here.',
  /** Under an answer in a staff channel whose privacy has not been checked lately. */
  prayNoteUnchecked: 'Staff-only requests are shown here once prayerbot has checked that this channel is private; ask again in a moment.',
  retractBadSubject: ({ subject }: { subject: string }) =>
    `"${subject}" is not a week (2026-10-12) or a request (2026-10-12/latin-america-1).`,
  /** `done` copies taken down, `failed` could not be. */
  retracted: ({ subject, done, failed }: { subject: string; done: number; failed: number }) =>
    `Retracted ${subject}: ${done} posted ${done === 1 ? 'copy' : 'copies'} taken down${failed > 0 ? `, ${failed} could not be (staff were told)` : ''}. It will not be posted again until \`prayerbot retract --undo\`.`,

  // --- /pray stats: the tally table --------------------------------------------------------
  statsHeading: ({ week }: { week: string }) => `Week of ${week}`,
  tallyDate: 'date',
  tallyPlatform: 'platform',
  tallyChannel: 'channel',
  tallyPart: 'part',
  tallyRegions: 'regions',
  tallyPrayed: 'prayed',
  tallyTotal: 'total',
  tallyBeforeUndo: '(before undo)',

  // --- The weekly digest (staff report channels) -----------------------------------------
  /** `change`: "+3", "-1" or "±0", when last week has counts. */
  digestHeading: ({ week, total, change }: { week: string; total: number; change?: string }) =>
    `Prayer tally for the week of ${week}: ${total} 🙏 in all${change ? ` (${change} on last week)` : ''}`,
  digestByRegion: 'By region',
  digestByPlatform: 'By platform',
  digestProblems: 'Refusals and failures',
  digestReminder: ({ file }: { file: string }) => `Reminder: there is no plan for next week yet (${file}).`,
  /** `error`: the platform's own words, in English. */
  digestPostProblem: ({ date, where, state, error }: { date: string; where: string; state: string; error?: string }) =>
    `${date} to ${where}: ${state}${error ? ` (${error})` : ''}`,
  postStateFailed: 'failed',
  postStateSkipped: 'skipped',
  digestRefused: ({ subject, detail }: { subject: string; detail: string }) => `refused ${subject}: ${detail}`,

  // --- Alerts (staff report channels); each is sent with "⚠️ " before it --------------------
  alertRefused: ({ where, reason, disabled }: { where: string; reason: string; disabled: boolean }) =>
    `prayerbot will not post to ${where}: ${reason}.${disabled ? ' The channel is disabled until the bot restarts.' : ''}`,
  alertGaveUp: ({ date, where, attempts, error, command }: { date: string; where: string; attempts: number; error: string; command: string }) =>
    `prayerbot gave up posting ${date} to ${where} after ${attempts} attempts (${error}). Send it by hand with: ${command}`,
  alertUnverified: ({ date, where, error }: { date: string; where: string; error: string }) =>
    `prayerbot could not check whether ${date} already reached ${where}, so it sent nothing (it tries again within the catch-up window): ${error}`,
  alertGone: ({ where, error }: { where: string; error: string }) =>
    `prayerbot disabled ${where}: the channel is archived or was deleted (${error}).`,
  alertCouldNotPost: ({ date, where, error, command }: { date: string; where: string; error: string; command: string }) =>
    `prayerbot could not post ${date} to ${where}: ${error}. Send it by hand with: ${command}`,
  alertStalePlan: ({ owner }: { owner: string }) =>
    `a prayerbot replica (${owner}) runs an older plan than another replica and will not post until its config/ and prompts/ match.`,
  alertNoPlan: ({ week, file }: { week: string; file: string }) =>
    `There is no plan for the week of ${week} (${file}): nothing is posted this week until it is added.`,
  alertMissed: ({ date, where, hours, command }: { date: string; where: string; hours: number; command: string }) =>
    `The post of ${date} was not sent to ${where}: it was more than ${hours} hours late. Send it by hand with: ${command}`,
  alertCannotTakeDown: ({ post, platform }: { post: string; platform: string }) =>
    `prayerbot cannot take down ${post}: the ${platform} platform is not running here. Run the bot with its token so it can.`,
  alertTakeDownFailed: ({ post, date, error }: { post: string; date: string; error: string }) =>
    `prayerbot could not take down ${post} (${date}): ${error}. It tries again at the next retention run.`,
  alertWipeIncomplete: ({ week, error }: { week: string; error: string }) =>
    `Who prayed in the week of ${week} is deleted, but not yet wiped from disk: ${error}`,
  /** A `staff_report` channel that fails the staff-channel rules; `reason` is a report refusal below. */
  alertReportRefused: ({ where, reason }: { where: string; reason: string }) =>
    `prayerbot sends no staff reports to ${where}: ${reason}. Reports go only to private staff channels: make it private to staff again, or remove it from staff_report.`,

  // --- Why the privacy guard refused a channel (inside alertRefused) ----------------------
  refusedMissing: 'the channel does not exist or the bot cannot see it',
  refusedArchived: 'the channel is archived',
  refusedNoAccess: ({ detail }: { detail?: string }) => `the bot has no access to the channel${detail ? ` (${detail})` : ''}`,
  refusedPublic: 'the channel is public; requests go only to private channels (set allow_public: true to send it everyone-requests)',
  refusedShared:
    'the channel is shared with another organisation; requests go only to private channels (set allow_public: true to send it everyone-requests)',
  refusedOutsiders: ({ viewers }: { viewers: string }) =>
    `this staff channel is visible to people outside the staff viewer roles: ${viewers}`,
  /** Why a `staff_report` channel gets no reports (inside alertReportRefused; no allow_public there). */
  reportRefusedPublic: 'the channel is public',
  reportRefusedShared: 'the channel is shared with another organisation',
  reportRefusedOutsiders: ({ viewers }: { viewers: string }) => `the channel is visible to people outside the staff viewer roles: ${viewers}`,

  // --- Discord's slash command descriptions (at most 100 characters) ---------------------
  commandPray: "Today's prayer, or the latest request for a region",
  commandPrayRegion: 'A region (leave empty for today’s post)',
  commandStaff: 'Prayer coordinators: tallies, the week, retractions',
  commandStats: 'How many prayed, by region and platform',
  commandWeek: "This week's plan, day by day",
  commandRetract: 'Take a request down everywhere now',
  commandRetractId: 'The request, as WEEK/ID (e.g. 2026-10-12/eu-day)',
  commandHelp: 'What the staff commands do',
  commandCoordinator: 'A sign-in link to the coordinator page (only you see it)',
};
