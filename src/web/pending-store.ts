// TEMPORARY: the Store additions of the coordinator page as the coordstore branch defines
// them, until that branch is merged (then this file goes and ports.ts picks them from Store).
import type { LocalDate } from '../core/types.js';
import type { Store } from '../store/store.js';

export interface SavedWeek { week: LocalDate; version: number; yaml: string; actor: string; savedAt: Date }
export interface SignInToken { tokenHash: string; actor: string; createdAt: Date; expiresAt: Date }
export interface CoordinatorSession { sessionHash: string; actor: string; createdAt: Date; expiresAt: Date; staffCheckedAt: Date }
export type SignInTokenState = 'valid' | 'used' | 'expired' | 'unknown';

export interface PendingStore extends Store {
  addSignInToken(token: SignInToken): Promise<void>;
  signInTokenState(tokenHash: string, now: Date): Promise<SignInTokenState>;
  redeemSignInToken(tokenHash: string, now: Date): Promise<string | undefined>;
  countSignInTokens(actor: string, since: Date): Promise<number>;
  addSession(session: CoordinatorSession): Promise<void>;
  getSession(sessionHash: string, now: Date): Promise<CoordinatorSession | undefined>;
  markSessionStaffChecked(sessionHash: string, at: Date): Promise<void>;
  endSession(sessionHash: string): Promise<void>;
  endSessionsOf(actor: string): Promise<void>;
  saveWeek(week: LocalDate, yaml: string, actor: string, now: Date): Promise<SavedWeek>;
  savedWeeks(): Promise<SavedWeek[]>;
  weekVersions(week: LocalDate): Promise<SavedWeek[]>;
}
