// Issue 22's operations by mode, named once for the mode tests of both clients (and the SDK's):
// the bundles are the source of truth, these lists catch a bundle that lost one or put it on the
// wrong side while both sides still agree with each other.

/** What an app does for its own member: the member client's. */
export const ISSUE_22_MEMBER = ['verifyPasscode', 'listCards', 'createClaim', 'listClaims', 'getClaim', 'getReferrals', 'applyReferralCode', 'getStamps', 'listStampHistory', 'redeemStampReward', 'getCashback', 'listCashbackHistory', 'redeemCashback'];

/** What moves value for others or reads any member: the server client's, each with its scope. */
export const ISSUE_22_SERVER_SCOPES: Record<string, string> = {
  requestPasscode: 'member_write',
  listMemberCards: 'card_read',
  approveClaim: 'claim_write',
  rejectClaim: 'claim_write',
  validateReferralCode: 'referral_read',
  getMemberReferrals: 'referral_read',
  applyMemberReferral: 'referral_write',
  getMemberStamps: 'stamps_read',
  addStamps: 'stamps_write',
  getMemberCashback: 'cashback_read',
  creditCashback: 'cashback_write',
};
export const ISSUE_22_SERVER = Object.keys(ISSUE_22_SERVER_SCOPES);
