// Cards: the member's membership card, from the app (member mode) or for any member from the
// backend (server mode).
import { listCards as list } from '../domain/cards.js';
import { json, memberOf, pageQuery, type Operation } from './context.js';

export const listCards: Operation = async (request, { db, clock }) => json(200, await list(db, clock, memberOf(request), pageQuery(request)));

export const listMemberCards: Operation = async (request, { db, clock }) => json(200, await list(db, clock, request.pathParams.externalUserID, pageQuery(request)));
