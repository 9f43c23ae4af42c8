// The schema types, by openapi-typescript's Node API. We hand it the parsed bundle (never a
// path): its CLI would pick up the repository's redocly.yaml from the cwd instead of our input.
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { pathToFileURL } from 'node:url';
import type { OpenApiDocument } from '../bundle/walk.js';
import { HEADER } from './emit.js';

export async function emitSchemaTypes(audience: string, doc: OpenApiDocument, bundleDir: string): Promise<string> {
  // structuredClone: openapi-typescript annotates the document it is given.
  const ast = await openapiTS(structuredClone(doc) as OpenAPI3, { silent: true, cwd: pathToFileURL(`${bundleDir}/`) });
  return `${HEADER(audience)}${astToString(ast)}`;
}
