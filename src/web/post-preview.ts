// A day's post as Slack and as Discord will show it, rendered to HTML from the very Block Kit
// blocks and embeds the adapters send (their exported render functions), not from a second
// idea of what a post looks like.
import { html } from 'hono/html';
import type { PostDocument } from '../core/ports.js';
import { postEditBody, RenderError } from '../platforms/discord/render.js';
import { renderPostBlocks, type KnownBlock } from '../platforms/slack/render.js';
import type { Html } from './layout.js';
import { discordMarkdown, slackMrkdwn } from './markup.js';

function textOf(element: unknown): string | undefined {
  if (typeof element !== 'object' || element === null) return undefined;
  const text = (element as { text?: unknown }).text;
  return typeof text === 'string' ? text : undefined;
}

function slackBlock(block: KnownBlock): Html {
  switch (block.type) {
    case 'header':
      // plain_text: shown as written, no mrkdwn.
      return html`<p class="slack-header">${block.text.text}</p>`;
    case 'section': {
      const text = block.text;
      if (!text) return html``;
      return html`<p class="slack-section">${text.type === 'mrkdwn' ? slackMrkdwn(text.text) : text.text}</p>`;
    }
    case 'context':
      return html`${block.elements.map((e) => {
        const text = textOf(e);
        if (text === undefined) return html``;
        return html`<p class="slack-context">${e.type === 'mrkdwn' ? slackMrkdwn(text) : text}</p>`;
      })}`;
    default:
      return html``;
  }
}

export function slackPreview(doc: PostDocument): Html {
  const blocks = renderPostBlocks(doc);
  return html`<div class="slack">
  <p class="slack-app">prayerbot<span class="app-tag">APP</span></p>
  ${blocks.map(slackBlock)}
</div>`;
}

export function discordPreview(doc: PostDocument): Html {
  let body: ReturnType<typeof postEditBody>;
  try {
    body = postEditBody(doc);
  } catch (error) {
    if (error instanceof RenderError) return html`<p class="error-message"><span class="tag tag-error">Error</span> Too large for one Discord message: ${error.message}.</p>`;
    throw error;
  }
  return html`<div class="discord">
  <p class="discord-app">prayerbot<span class="app-tag">APP</span></p>
  ${body.content ? html`<p class="discord-content">${discordMarkdown(body.content)}</p>` : ''}
  ${body.embeds.map(
    (e) => html`<div class="embed">
    ${e.author ? html`<p class="embed-author">${e.author.name}</p>` : ''}
    ${e.title ? html`<p class="embed-title">${e.title}</p>` : ''}
    ${e.description ? html`<p class="embed-description">${discordMarkdown(e.description)}</p>` : ''}
    ${e.footer ? html`<p class="embed-footer">${e.footer.text}</p>` : ''}
  </div>`,
  )}
</div>`;
}
