// Referrals: the app reads its member's code and stats and applies a code at sign-up (member
// mode); the backend validates codes, reads any member's referrals and applies a code for a
// member (server mode). Both applications are idempotent and follow the same rules.
import { requireMember } from '../domain/members.js';
import { applyReferralCode as apply, referralSummary, validateReferralCode as validate } from '../domain/referrals.js';
import { json, memberOf, type Operation } from './context.js';
import { idempotent } from './idempotent.js';

export const getReferrals: Operation = async (request, { db, clock }) => json(200, await referralSummary(db, clock, memberOf(request)));

export const applyReferralCode: Operation = async (request, context) => {
  const externalUserID = memberOf(request);
  const { code } = request.body as { code: string };
  return idempotent(request, context, async (tx) => ({ status: 200, body: await apply(tx, context.clock, externalUserID, code) }));
};

export const validateReferralCode: Operation = async (request, { db }) => json(200, await validate(db, request.pathParams.code));

export const getMemberReferrals: Operation = async (request, { db, clock }) => {
  const externalUserID = request.pathParams.externalUserID;
  await requireMember(db, externalUserID);
  return json(200, await referralSummary(db, clock, externalUserID));
};

export const applyMemberReferral: Operation = async (request, context) => {
  const externalUserID = request.pathParams.externalUserID;
  const { code } = request.body as { code: string };
  return idempotent(request, context, async (tx) => {
    // An unknown member is 404 before anything about the code.
    await requireMember(tx, externalUserID);
    return { status: 200, body: await apply(tx, context.clock, externalUserID, code) };
  });
};
