// What to tell the member when a call fails: the API's error codes, in the app's words.
// Typed by the spec's ErrorCode enum, so a code that does not exist fails the type check.
import { ExpysError, type components } from '@expys/member-client';

type ErrorCode = components['schemas']['ErrorCode'];

type Messages = Partial<Record<ErrorCode, string>>;

const BY_CODE: Messages = {
  insufficient_points: "You don't have enough points for this offer yet.",
  not_eligible: "This offer isn't available to you right now.",
  not_found: 'This offer no longer exists.',
  rate_limited: 'Too many requests: try again in a moment.',
  insufficient_stamps: 'Not enough stamps on this card for a reward yet.',
  insufficient_cashback: "You don't have that much cashback.",
  referral_code_invalid: "That referral code doesn't exist: check what you typed.",
  referral_already_applied: 'You have already used a referral code.',
  self_referral: "That's your own referral code: share it with a friend instead.",
};

/** `specific`: what a code means on this screen, where the default says something else (a 404 for a stamp card). */
export function describeError(error: unknown, specific: Messages = {}): string {
  if (error instanceof ExpysError) {
    const code = (error as { code?: ErrorCode }).code;
    return (code && (specific[code] ?? BY_CODE[code])) || 'The loyalty service had a problem. Try again.';
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}
