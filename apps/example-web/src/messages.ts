// What to tell the member when a call fails: the API's error codes, in the app's words.
// Typed by the spec's ErrorCode enum, so a code that does not exist fails the type check.
import { ExpysError, type components } from '@expys/member-client';

type ErrorCode = components['schemas']['ErrorCode'];

const BY_CODE: Partial<Record<ErrorCode, string>> = {
  insufficient_points: "You don't have enough points for this offer yet.",
  not_eligible: "This offer isn't available to you right now.",
  not_found: 'This offer no longer exists.',
  rate_limited: 'Too many requests: try again in a moment.',
};

export function describeError(error: unknown): string {
  if (error instanceof ExpysError) {
    const code = (error as { code?: ErrorCode }).code;
    return (code && BY_CODE[code]) || 'The loyalty service had a problem. Try again.';
  }
  return error instanceof Error ? error.message : 'Something went wrong.';
}
