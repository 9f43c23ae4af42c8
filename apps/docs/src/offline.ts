// Makes a page built by Redocly work with no network. `--inlineBundle` already embeds Redoc's
// script, but two requests remain: Redoc 3 loads its "API docs by Redocly" logo from
// cdn.redoc.ly once the page has rendered, and the browser asks for /favicon.ico. Both fail
// offline and log console errors. The logo becomes an inline SVG of the same wording (the
// attribution link stays) and every page declares an inline favicon.
const REDOCLY_LOGOS = [/https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini-full\.svg/g, /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini\.svg/g];

const svgDataUrl = (svg: string) => `data:image/svg+xml,${encodeURIComponent(svg)}`;

const LOCAL_LOGO = svgDataUrl(
  '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="16" viewBox="0 0 64 16">' +
    '<text x="0" y="12" font-family="sans-serif" font-size="12" font-weight="600" fill="#5a6170">Redocly</text></svg>',
);

export const FAVICON_LINK = `<link rel="icon" href="${svgDataUrl(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#3e63dd"/>' +
    '<text x="8" y="12" font-family="sans-serif" font-size="11" font-weight="700" fill="#fff" text-anchor="middle">E</text></svg>',
)}">`;

export function offlinePage(html: string): string {
  const withLogo = REDOCLY_LOGOS.reduce((page, url) => page.replace(url, LOCAL_LOGO), html);
  if (!withLogo.includes('</head>')) throw new Error('the page has no </head> to put the favicon in');
  return withLogo.replace('</head>', `  ${FAVICON_LINK}\n</head>`);
}
