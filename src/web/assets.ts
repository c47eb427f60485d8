// The page's one style sheet and one small script, served as static files (the CSP allows
// styles only from this origin and scripts only with the response's nonce). Colours and
// sizes follow the GOV.UK Design System; every state colour also has a word or a border.
// Kept here as text so the build (tsc) carries them into dist/ without a copy step.

export const PAGE_CSS = `
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 1.1875rem; line-height: 1.35; color: #0b0c0c; background: #fff; }
.width { max-width: 1020px; margin: 0 auto; padding: 0 15px; }
main { padding-top: 20px; padding-bottom: 60px; display: block; }
main:focus { outline: none; }
h1 { font-size: 2.25rem; line-height: 1.1; margin: 10px 0 25px; }
h2 { font-size: 1.6rem; line-height: 1.2; margin: 35px 0 15px; }
h3 { font-size: 1.3rem; margin: 25px 0 10px; }
p, ul, ol { margin: 0 0 15px; }
a { color: #1d70b8; text-decoration: underline; text-underline-offset: 0.15em; }
a:visited { color: #4c2c92; }
a:hover { color: #003078; text-decoration-thickness: 3px; }
a:focus, button:focus, summary:focus, .table-wrap:focus { outline: 3px solid transparent; color: #0b0c0c; background: #ffdd00;
  box-shadow: 0 -2px #ffdd00, 0 4px #0b0c0c; text-decoration: none; }
/* Shown over the header when focused, so nothing moves under the pointer. */
.skip-link { position: absolute; top: 0; left: -9999px; z-index: 10; padding: 10px 15px; }
.skip-link:focus { left: 0; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.lead { font-size: 1.3rem; }
.small, .where, .hint { font-size: 1rem; color: #505a5f; }
.where { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.85rem; white-space: nowrap; }

/* Header and navigation */
.site-header { background: #0b0c0c; color: #fff; border-bottom: 10px solid #1d70b8; }
.header-row { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: 10px; padding-top: 12px; padding-bottom: 12px; }
.site-name { margin: 0; font-weight: 700; font-size: 1.5rem; }
.site-part { font-weight: 400; }
.sign-out { display: flex; align-items: center; gap: 10px; flex-wrap: wrap; margin: 0; }
.signed-in-as { font-size: 1rem; color: #f3f2f1; }
.site-nav { background: #fff; }
.site-nav ul { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 0 25px; }
.site-header .site-nav { background: #0b0c0c; padding-bottom: 10px; }
.site-nav a, .site-nav a:visited { color: #fff; font-weight: 700; display: inline-block; padding: 6px 0; text-decoration: none; border-bottom: 4px solid transparent; }
.site-nav a:hover { text-decoration: underline; }
.site-nav a[aria-current="page"] { border-bottom-color: #fff; }
.site-nav a:focus { color: #0b0c0c; }

/* Buttons */
.button { display: inline-block; font: inherit; font-size: 1.1875rem; line-height: 1.2; font-weight: 400; margin: 0 10px 20px 0; padding: 8px 12px 7px;
  border: 2px solid transparent; border-radius: 0; color: #fff; background: #00703c; box-shadow: 0 2px 0 #002d18; cursor: pointer; text-align: center; text-decoration: none; }
.button:hover { background: #005a30; }
.button:focus { border-color: #ffdd00; background: #ffdd00; color: #0b0c0c; box-shadow: inset 0 0 0 1px #ffdd00, 0 2px 0 #0b0c0c; }
.button-secondary { background: #f3f2f1; color: #0b0c0c; box-shadow: 0 2px 0 #929191; }
.button-secondary:hover { background: #dbdad9; }
.button-warning { background: #d4351c; box-shadow: 0 2px 0 #55150b; }
.button-warning:hover { background: #aa2a16; }
.button-small { font-size: 1rem; padding: 4px 10px 3px; margin: 0; }
.button-group { display: flex; flex-wrap: wrap; align-items: center; gap: 15px 20px; margin-bottom: 25px; }
.button-group .button { margin: 0; }
.inline-form { display: inline; margin: 0; }

/* Forms */
.field { margin-bottom: 25px; }
.field-error { border-left: 5px solid #d4351c; padding-left: 15px; }
.label { display: block; font-weight: 700; margin-bottom: 5px; }
legend.label { padding: 0; }
.hint { margin-bottom: 10px; }
.input, .textarea, .select { font: inherit; font-size: 1.1875rem; width: 100%; padding: 6px; border: 2px solid #0b0c0c; border-radius: 0; background: #fff; color: #0b0c0c; }
.input-date { max-width: 14em; }
.input-short { max-width: 20em; }
.select { max-width: 24em; }
.textarea { min-height: 4em; resize: vertical; }
.field-error .input, .field-error .textarea, .field-error .select { border-color: #d4351c; }
.input:focus, .textarea:focus, .select:focus { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: inset 0 0 0 2px #0b0c0c; }
.fieldset { border: 0; margin: 0; padding: 0; min-width: 0; }
.radios, .checkboxes { display: flex; flex-direction: column; gap: 8px; }
.radio, .checkbox { display: flex; flex-wrap: wrap; align-items: center; gap: 0 10px; }
.radio input, .checkbox input { width: 28px; height: 28px; margin: 0; accent-color: #0b0c0c; }
.radio input:focus, .checkbox input:focus { outline: 3px solid #ffdd00; outline-offset: 2px; }
.radio-hint { flex-basis: 100%; padding-left: 38px; margin: 0; }
.char-count { margin-top: 5px; font-size: 1rem; }
.char-count-over { color: #d4351c; font-weight: 700; }

/* Errors and notices */
.error-summary { border: 5px solid #d4351c; padding: 15px 20px; margin-bottom: 30px; }
.error-summary:focus { outline: 3px solid #ffdd00; }
.error-summary-title { margin-top: 0; font-size: 1.5rem; }
.error-summary-list { margin: 0; padding-left: 0; list-style: none; }
.error-summary-list li { margin-bottom: 8px; }
.error-summary-list a, .error-summary-list a:visited { color: #d4351c; font-weight: 700; }
.error-message { color: #d4351c; font-weight: 700; margin-bottom: 10px; }
.error-message p { margin: 0 0 5px; }
.tag { display: inline-block; font-size: 0.8rem; font-weight: 700; letter-spacing: 0.04em; text-transform: uppercase; padding: 2px 6px 1px; border: 2px solid currentColor; vertical-align: 0.1em; margin-right: 4px; }
.tag-error { color: #942514; background: #f6d7d2; }
.tag-warning { color: #6e3619; background: #fcd6c3; }
.tag-check { color: #0c2d4a; background: #bbd4ea; }
.tag-success { color: #005a30; background: #cce2d8; }
.tag-info { color: #383f43; background: #eeefef; }
.notice { border-left: 10px solid #b1b4b6; padding: 10px 15px; margin: 0 0 20px; background: #f8f8f8; }
.notice-warning { border-left-color: #f47738; }
.notice-check { border-left-color: #1d70b8; }
.notice-success { border-left-color: #00703c; }
.notice-heading { font-weight: 700; margin-bottom: 8px; }
.notice ul { margin-bottom: 5px; padding-left: 20px; }
.notice li { margin-bottom: 6px; }
.notice .checkbox { margin-top: 4px; font-size: 1rem; }

/* Week form */
.request { border: 2px solid #b1b4b6; padding: 15px 15px 0; margin: 0 0 25px; }
.request-error { border-color: #d4351c; border-left-width: 8px; }
.request > legend { font-weight: 700; font-size: 1.3rem; padding: 0 6px; }
.request-id { font-weight: 400; font-size: 1rem; color: #505a5f; }
.save-bar { border-top: 2px solid #b1b4b6; padding-top: 20px; margin-top: 10px; }

/* Tables, lists, summaries */
.table-wrap { overflow-x: auto; margin-bottom: 25px; }
.table { border-collapse: collapse; width: 100%; font-size: 1rem; }
.table-caption { text-align: left; font-weight: 700; font-size: 1.1875rem; padding-bottom: 8px; position: sticky; left: 0; max-width: calc(100vw - 30px); }
/* The caption stays in view, and wraps to the screen, when a wide table scrolls sideways (phones). */
.table th, .table td { text-align: left; vertical-align: top; padding: 8px 12px 8px 0; border-bottom: 1px solid #b1b4b6; }
.table .numeric { text-align: right; font-variant-numeric: tabular-nums; }
.summary-list { margin: 0 0 25px; }
.summary-list div { display: flex; flex-wrap: wrap; border-bottom: 1px solid #b1b4b6; padding: 8px 0; }
.summary-list dt { font-weight: 700; flex: 0 0 12em; }
.summary-list dd { margin: 0; flex: 1 1 16em; }
details { margin-bottom: 15px; }
summary { cursor: pointer; color: #1d70b8; text-decoration: underline; display: inline-block; }
.details-body { border-left: 5px solid #b1b4b6; padding: 10px 0 5px 15px; margin-top: 8px; }
pre.yaml { background: #f3f2f1; border: 1px solid #b1b4b6; padding: 15px; overflow-x: auto; font-size: 0.9rem; line-height: 1.45; white-space: pre; }

/* This week and next */
.day { border-top: 2px solid #0b0c0c; padding-top: 10px; margin-bottom: 25px; }
.day h3 { margin-top: 5px; }
.day-meta { color: #505a5f; margin-bottom: 10px; }
.status { display: inline-block; font-weight: 700; font-size: 0.9rem; padding: 1px 6px; border: 2px solid currentColor; }
.status-posted { color: #005a30; background: #cce2d8; }
.status-due { color: #0c2d4a; background: #bbd4ea; }
.status-late, .status-skipped { color: #6e3619; background: #fcd6c3; }
.status-failed, .status-refused { color: #942514; background: #f6d7d2; }
.status-retracted, .status-expired { color: #383f43; background: #eeefef; }
.previews { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 15px; margin-bottom: 10px; }
.preview-label { font-weight: 700; font-size: 1rem; margin-bottom: 5px; }

/* Slack as Slack shows it */
.slack { border: 1px solid #ddd; border-radius: 8px; padding: 12px 14px; font-family: Lato, "Helvetica Neue", Arial, sans-serif; font-size: 15px; line-height: 1.47; color: #1d1c1d; background: #fff; overflow-wrap: anywhere; }
.slack-app { font-weight: 900; margin-bottom: 4px; }
.slack-app .app-tag { font-size: 10px; font-weight: 700; background: #e8e8e8; color: #616061; padding: 1px 3px; border-radius: 2px; margin-left: 4px; vertical-align: 1px; }
.slack-header { font-size: 18px; font-weight: 900; margin: 4px 0 8px; }
.slack-section { margin: 0 0 8px; white-space: pre-wrap; }
.slack-context { font-size: 13px; color: #616061; margin: 0 0 6px; white-space: pre-wrap; }
.slack code, .discord code { font-family: Monaco, Menlo, Consolas, monospace; font-size: 12px; background: #f6f6f6; border: 1px solid #ddd; border-radius: 3px; padding: 0 3px; color: #c01343; }

/* Discord as Discord shows it */
.discord { border-radius: 8px; padding: 12px 14px; background: #313338; color: #dbdee1; font-family: "gg sans", "Noto Sans", "Helvetica Neue", Arial, sans-serif; font-size: 15px; line-height: 1.375; overflow-wrap: anywhere; }
.discord-app { font-weight: 600; color: #f2f3f5; margin-bottom: 4px; }
.discord-app .app-tag { font-size: 10px; font-weight: 600; background: #5865f2; color: #fff; padding: 1px 4px; border-radius: 3px; margin-left: 4px; vertical-align: 1px; }
.discord-content { margin: 0 0 6px; }
.embed { background: #2b2d31; border-left: 4px solid #d4a24c; border-radius: 4px; padding: 8px 12px 10px; margin: 0 0 6px; max-width: 520px; }
.embed-author { font-size: 14px; font-weight: 600; color: #f2f3f5; margin: 2px 0 4px; }
.embed-title { font-size: 16px; font-weight: 600; color: #f2f3f5; margin: 2px 0 6px; }
.embed-description { font-size: 14px; margin: 0; white-space: pre-wrap; }
.embed-footer { font-size: 12px; color: #b5bac1; margin: 8px 0 0; }
.discord code { background: #1e1f22; border-color: #1e1f22; color: #dbdee1; }

/* Charts */
.chart { width: 100%; height: auto; max-width: 440px; display: block; margin-bottom: 10px; font-family: inherit; }
.chart .bar { fill: #1d70b8; }
.chart .bar-label, .chart .bar-value { fill: #0b0c0c; font-size: 15px; }
.chart .axis { stroke: #0b0c0c; stroke-width: 1; }

@media (max-width: 640px) {
  body { font-size: 1rem; }
  h1 { font-size: 1.75rem; }
  h2 { font-size: 1.35rem; }
  .input, .textarea, .select, .button { font-size: 1rem; }
  .site-name { font-size: 1.2rem; }
  .summary-list dt { flex-basis: 100%; }
  .button { width: 100%; margin-right: 0; }
  .button-small { width: auto; }
  .request { padding: 10px 10px 0; }
}
@media print {
  .site-header, .sign-out, .button { display: none; }
}
`;

/**
 * The little script: the page works without it. It moves focus to the error summary (so a
 * screen reader reads it first), focuses the field an error link points at, and counts the
 * characters left in a request's text.
 */
export const PAGE_JS = `(function () {
  'use strict';
  var summary = document.querySelector('[data-focus-on-load]');
  if (summary) summary.focus();

  document.addEventListener('click', function (event) {
    var link = event.target && event.target.closest ? event.target.closest('.error-summary a[href^="#"]') : null;
    if (!link) return;
    var target = document.getElementById(link.getAttribute('href').slice(1));
    if (!target) return;
    event.preventDefault();
    var legend = target.closest('fieldset') && target.closest('fieldset').querySelector('legend');
    var label = document.querySelector('label[for="' + target.id + '"]') || legend || target;
    label.scrollIntoView();
    if (typeof target.focus === 'function') {
      if (!target.matches('input, select, textarea, button, a')) target.setAttribute('tabindex', '-1');
      target.focus({ preventScroll: true });
    }
  });

  var areas = document.querySelectorAll('textarea[data-max-chars]');
  Array.prototype.forEach.call(areas, function (area) {
    var max = Number(area.getAttribute('data-max-chars'));
    var count = document.createElement('p');
    count.className = 'char-count';
    count.id = area.id + '-count';
    count.setAttribute('aria-live', 'polite');
    area.parentNode.insertBefore(count, area.nextSibling);
    function update() {
      var left = max - Array.from(area.value.trim()).length;
      count.textContent = left >= 0
        ? 'You have ' + left.toLocaleString('en-US') + ' characters remaining'
        : 'You have ' + (-left).toLocaleString('en-US') + ' characters too many';
      count.classList.toggle('char-count-over', left < 0);
    }
    area.addEventListener('input', update);
    update();
  });
})();
`;
