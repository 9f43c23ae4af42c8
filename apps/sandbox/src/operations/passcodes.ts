// Passcodes: the backend requests one for a member (server mode, idempotent); the app verifies
// what the member typed (member mode). Delivered nowhere: `expys-sandbox otp <member>` shows it.
import { requestPasscode as request_, verifyPasscode as verify, type Channel } from '../domain/passcodes.js';
import { json, memberOf, type Operation } from './context.js';
import { idempotent } from './idempotent.js';

export const requestPasscode: Operation = async (request, context) => {
  const { channel } = request.body as { channel: Channel };
  return idempotent(request, context, async (tx) => ({ status: 201, body: await request_(tx, context.clock, request.pathParams.externalUserID, channel) }));
};

export const verifyPasscode: Operation = async (request, { db, clock }) =>
  json(200, await verify(db, clock, memberOf(request), request.body as { passcodeId: string; code: string }));
