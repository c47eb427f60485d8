// The posting half of the ChatPlatform port, which both chat adapters hand unchanged to their
// messages module (send, find, own 🙏, edit, retire, staff text). Written once here; each
// adapter extends it and sets `messages` in its constructor.
import type { ChatPlatform, PostDocument, SentMessage } from '../core/ports.js';
import type { PostPart } from '../core/types.js';

export type PostMessages = Pick<ChatPlatform, 'sendPost' | 'findPost' | 'addOwnReaction' | 'editPost' | 'retirePost' | 'sendStaffText'>;

export abstract class DelegatesPosts implements PostMessages {
  protected abstract readonly messages: PostMessages;

  sendPost(part: PostPart, doc: PostDocument, signal: AbortSignal): Promise<SentMessage> {
    return this.messages.sendPost(part, doc, signal);
  }

  findPost(channelId: string, ledgerKey: string, since: Date): Promise<SentMessage | null> {
    return this.messages.findPost(channelId, ledgerKey, since);
  }

  addOwnReaction(channelId: string, messageId: string): Promise<void> {
    return this.messages.addOwnReaction(channelId, messageId);
  }

  editPost(channelId: string, messageId: string, doc: PostDocument): Promise<void> {
    return this.messages.editPost(channelId, messageId, doc);
  }

  retirePost(channelId: string, messageId: string, mode: 'delete' | 'edit', notice: string): Promise<void> {
    return this.messages.retirePost(channelId, messageId, mode, notice);
  }

  sendStaffText(channelId: string, text: string): Promise<void> {
    return this.messages.sendStaffText(channelId, text);
  }
}
