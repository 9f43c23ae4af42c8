// The dashboard's pages are paths under /_dashboard/ (the sandbox answers index.html for each),
// so a reload or a shared link opens the same page.
import { useEffect, useState } from 'react';

export const PAGES = [
  { id: 'applications', title: 'Applications' },
  { id: 'webhooks', title: 'Webhooks' },
  { id: 'members', title: 'Members' },
  { id: 'clock', title: 'Clock' },
] as const;

export type PageId = (typeof PAGES)[number]['id'];

import { mount } from './mount.js';

// import.meta.env.BASE_URL is /_dashboard/; a sandbox made on demand has it under its prefix.
const base = () => `${mount()}${import.meta.env.BASE_URL}`;

export function pageOf(pathname: string): PageId {
  const rest = pathname.startsWith(base()) ? pathname.slice(base().length) : '';
  const first = rest.split('/')[0];
  return PAGES.find((page) => page.id === first)?.id ?? 'applications';
}

export const pathOf = (page: PageId) => `${base()}${page}`;

/** The page the address names, and a way to go to another without a reload. */
export function usePage(): [PageId, (page: PageId) => void] {
  const [page, setPage] = useState<PageId>(() => pageOf(globalThis.location.pathname));
  useEffect(() => {
    const onPop = () => setPage(pageOf(globalThis.location.pathname));
    globalThis.addEventListener('popstate', onPop);
    return () => globalThis.removeEventListener('popstate', onPop);
  }, []);
  const go = (next: PageId) => {
    if (next !== page) globalThis.history.pushState(null, '', pathOf(next));
    setPage(next);
  };
  return [page, go];
}
