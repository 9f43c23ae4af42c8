// @ts-check
// Every path item written under spec/paths/ and every event under spec/webhooks/ is reachable
// from the root. Otherwise an operation the author wrote silently vanishes from every bundle,
// client and doc: nothing else would notice, since an unreferenced file is never read.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument, isMap } from 'yaml';

export default function NoOrphanPath() {
  return {
    Root: {
      leave(/** @type {any} */ root, /** @type {any} */ ctx) {
        const rootFile = ctx.location.source.absoluteRef;
        if (!rootFile.startsWith('/')) return;
        const rootDir = path.dirname(rootFile);
        /** @type {Set<string>} "absolute file#/key" of every path item or webhook the root references */
        const referenced = new Set();
        for (const table of ['paths', 'webhooks']) {
          for (const item of Object.values(root[table] ?? {})) {
            const ref = /** @type {any} */ (item)?.$ref;
            if (typeof ref !== 'string') continue;
            const [file, pointer = ''] = ref.split('#');
            referenced.add(`${path.resolve(rootDir, file)}#${pointer}`);
          }
        }
        // `paths/<group>.yaml`: each top-level key is a path item. `webhooks/<event>.yaml`: the file is one.
        for (const [folder, keyed] of /** @type {const} */ ([['paths', true], ['webhooks', false]])) {
          const dir = path.join(rootDir, folder);
          let files;
          try {
            files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
          } catch {
            continue; // this spec has no such folder
          }
          for (const file of files) {
            const absolute = path.join(dir, file);
            const body = readFileSync(absolute, 'utf8');
            const doc = parseDocument(body);
            if (!isMap(doc.contents)) continue;
            const entries = keyed ? doc.contents.items.map((pair) => String(/** @type {any} */ (pair.key)?.value)) : [''];
            for (const key of entries) {
              if (referenced.has(`${absolute}#${key ? `/${key}` : ''}`) || (!key && referenced.has(`${absolute}#/`))) continue;
              const target = key ? `${folder}/${file}#/${key}` : `${folder}/${file}`;
              ctx.report({
                message: `\`${target}\` is not referenced from the root's \`${folder}\` table, so it is in no bundle, client or doc: add it to ${path.basename(rootFile)} or delete it.`,
                location: orphanLocation(ctx, absolute, body, key),
              });
            }
          }
        }
      },
    },
  };
}

/** A location in a file the bundle never read, so the report shows that file and line. */
function orphanLocation(/** @type {any} */ ctx, /** @type {string} */ file, /** @type {string} */ body, /** @type {string} */ key) {
  const Source = ctx.location.source.constructor;
  const Location = ctx.location.constructor;
  const location = new Location(new Source(file, body), key ? `#/${key.replace(/~/g, '~0').replace(/\//g, '~1')}` : '#/');
  return key ? location.key() : location;
}

