// The member page says only that the app holds member tokens. The member bundle already says so:
// the bundler puts the member view into it (scripts/bundle/member-view.js, the
// `expys-bundle/member-view` decorator): the description, the servers', the Unauthorized and
// MemberForbidden responses and the ErrorCode table, written for the app. The docs apply the same
// view to their copy (a no-op on a bundle that has it) and show the app's own examples only: the
// examples of the codes only a backend credential gets are left out of the page. The boundary
// check (boundary.ts) then fails the build if anything of the server side is still named.
import { applyMemberView as applyView, memberDescription, MEMBER_CODE_MEANINGS } from '../../../scripts/bundle/member-view.js';
import type { OpenApiDocument } from '../../../scripts/bundle/walk.js';

export { memberDescription, MEMBER_CODE_MEANINGS };

/** The member docs copy's member-only texts (in place). */
export function applyMemberView(doc: OpenApiDocument): void {
  applyView(doc, { backendExamples: 'drop' });
}
