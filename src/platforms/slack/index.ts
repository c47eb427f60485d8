// The Slack adapter's public surface.
export { createSlackPlatform, type SlackPlatform, type SlackPlatformOptions } from './slack-platform.js';
export { MAX_REQUEST_SKEW_SECONDS, SLACK_EVENTS_PATH } from './request-gate.js';
export { POST_EVENT_TYPE, RETIRED_EVENT_TYPE } from './messages.js';
export { REQUIRED_SCOPES, type DoctorLine } from './doctor.js';
export { escapeMrkdwn, renderPostBlocks, SLACK_LIMITS, slackTsToMicros } from './render.js';
export { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, OPERATION_BUDGET_MS } from './calls.js';
