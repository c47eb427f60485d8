// The Discord adapter's public face: the platform factory, its command definitions and
// the facts other parts (deploy-commands, docs, benchmarks) need.
export { createDiscordPlatform, DiscordPlatform, type DiscordPlatformOptions } from './discord-platform.js';
export { DISCORD_INTENTS } from './gateway.js';
export type { DoctorLine, DoctorOptions } from './doctor.js';
export { commandDefinitions, putCommands, PRAY_COMMAND, STAFF_COMMAND, STAFF_DEFAULT_PERMISSION } from './commands.js';
export { INVITE_PERMISSIONS, NEEDED_PERMISSIONS } from './permissions.js';
export { POST_LIMITS, nonceOf, markerUrl, ledgerKeyOfMarker } from './render.js';
export { discordEmojiOf } from './reactions.js';
