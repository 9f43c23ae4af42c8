// @ts-check
// Puts the member view into the member bundle (../member-view.js): the texts it shares with the
// server side (the description, the servers', the Unauthorized and MemberForbidden responses,
// the ErrorCode table) say only that the app holds member tokens, so the member client's
// generated code, the MSW member handlers and the member docs name none of the backend's
// credentials. The audience audit (../audit.ts) checks the result.
//
// It runs when the whole document has been walked (Root `leave`): by then the bundler has
// brought every component the member operations use into `components`, and a `$ref` left in
// place is followed with Redocly's resolver.
import { applyMemberView } from '../member-view.js';

export default function MemberView() {
  return {
    Root: {
      leave(/** @type {any} */ root, /** @type {any} */ ctx) {
        if (root.info?.['x-expys-audience'] !== undefined && root.info['x-expys-audience'] !== 'member') {
          throw new Error(`expys-bundle/member-view: applied to the ${root.info['x-expys-audience']} bundle; it belongs on the member bundle only`);
        }
        /** @type {(node: any) => any} */
        const resolve = (node) => (typeof node?.$ref === 'string' ? resolve(ctx.resolve(node).node) : node);
        applyMemberView(root, { resolve });
      },
    },
  };
}
